using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;

namespace CommunityWorkflows.Workflows.Timers;

/// <summary>What one timer firing says: its notices (one per audience, under the timer's key) and its journal entry.</summary>
public sealed record TimerFiring(IReadOnlyList<Notice> Notices, JournalDraft Journal)
{
    public TimerFiring(Notice notice, JournalDraft journal) : this([notice], journal)
    {
    }

    /// <summary>The key of a timer's notices: a timer fired twice (a crash, a retry) writes each notice once.</summary>
    public static string NoticeKey(DueTimer timer) => $"timer:{timer.Id}";
}
