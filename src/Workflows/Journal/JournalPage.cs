using CommunityWorkflows.Domain.Errors;

namespace CommunityWorkflows.Workflows.Journal;

/// <summary>
/// A page of one journal stream: the entries after <see cref="AfterSeq"/>, at most <see cref="Limit"/>. Every
/// journal endpoint (cycles, liaison points, meetings) takes <c>afterSeq</c> and <c>limit</c> through it.
/// </summary>
public sealed record JournalPage(long AfterSeq, int Limit)
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 10_000;

    public static readonly JournalPage First = new(0, DefaultLimit);

    /// <summary>The page asked for; a negative <c>afterSeq</c> or a <c>limit</c> out of range → 422 naming each.</summary>
    public static JournalPage Of(long? afterSeq, int? limit)
    {
        var errors = new List<FieldError>();
        if (afterSeq is < 0)
            errors.Add(new FieldError("/afterSeq", "afterSeq cannot be negative."));
        if (limit is < 1 or > MaxLimit)
            errors.Add(new FieldError("/limit", $"limit must be between 1 and {MaxLimit}."));
        if (errors.Count > 0)
            throw new RuleViolationException(errors, "The journal page is out of range.");
        return new JournalPage(afterSeq ?? 0, limit ?? DefaultLimit);
    }
}
