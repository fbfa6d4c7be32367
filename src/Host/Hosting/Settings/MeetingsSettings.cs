using CommunityWorkflows.Workflows.Meetings;

namespace CommunityWorkflows.Host.Hosting.Settings;

/// <summary><c>Meetings:*</c>: the calendar feed.</summary>
sealed class MeetingsSettings : ISettings
{
    public static string Section => "Meetings";

    /// <summary>The most meetings one feed lists (one query page, the newest kept).</summary>
    public const int MaxCalendarFeedEvents = MeetingQueries.MaxPageSize - 1;

    public int CalendarFeedMaxEvents { get; set; } = Api.MeetingCalendar.DefaultMaxEvents;

    public IEnumerable<string> Problems()
    {
        if (CalendarFeedMaxEvents is < 1 or > MaxCalendarFeedEvents)
            yield return $"Meetings:CalendarFeedMaxEvents must be between 1 and {MaxCalendarFeedEvents}.";
    }
}
