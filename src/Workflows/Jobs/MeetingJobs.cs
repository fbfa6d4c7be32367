using CommunityWorkflows.Workflows.Meetings;

namespace CommunityWorkflows.Workflows.Jobs;

/// <summary>The Hangfire entry point of a meeting cadence (recurring job <c>meetings:&lt;key&gt;</c>): open what has come, now.</summary>
public sealed class MeetingJobs(MeetingOccurrences occurrences, TimeProvider clock)
{
    public Task<int> OpenDueAsync(string cadenceKey, CancellationToken ct) => occurrences.OpenDueAsync(cadenceKey, clock.GetUtcNow(), ct);
}
