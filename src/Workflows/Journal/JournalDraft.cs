namespace CommunityWorkflows.Workflows.Journal;

/// <summary>A transition about to be journaled: which stream, what happened, to what, with which data.</summary>
public sealed record JournalDraft(string Stream, string Action, string? Subject = null, object? Payload = null);

/// <summary>A journaled transition, with the hash that chains it to the one before.</summary>
public sealed record JournalEntry(
    long Seq, DateTimeOffset At, string? Actor, string Action, string? Subject, string? Payload, string PreviousHash, string Hash);

/// <summary>The result of recomputing a stream's chain: <see cref="FirstBrokenSeq"/> names the first entry that does not match.</summary>
public sealed record JournalVerification(bool Valid, long Entries, long? FirstBrokenSeq);
