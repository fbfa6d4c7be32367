using CommunityWorkflows.Host.Hosting.Settings;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Host.Hosting;
using CommunityWorkflows.Workflows.Meetings;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// The meetings as an iCalendar feed (RFC 5545, Ical.Net): one all-day event per obligation on its due date —
/// the day by which it must be held — or on the day it was held, with the period and status in Chinese.
/// The feed covers one window of periods (the year asked for, else from a year back to two years ahead) and
/// at most <see cref="DefaultMaxEvents"/> meetings, the newest kept; a feed cut short says so in the
/// <see cref="TruncatedHeader"/> header and in the calendar's description, never silently.
/// </summary>
static class MeetingCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>Meetings one feed lists at most (configuration <c>Meetings:CalendarFeedMaxEvents</c>).</summary>
    public const int DefaultMaxEvents = 2000;

    /// <summary>Set when more meetings matched than the feed lists: the number listed, the newest.</summary>
    public const string TruncatedHeader = "X-Feed-Truncated";

    /// <summary>The periods the feed covers, as <c>from/to</c> dates (China time).</summary>
    public const string WindowHeader = "X-Feed-Window";

    /// <summary>The domain of the UIDs when <c>Hosting:PublicUrl</c> is not set.</summary>
    public const string FallbackUidDomain = "communityworkflows";

    public sealed record Feed(IReadOnlyList<MeetingView> Meetings, DateOnly From, DateOnly To, bool Truncated);

    /// <summary>The window: the year asked for, else from a year before today to two years after (China dates).</summary>
    public static (DateOnly From, DateOnly To) Window(int? year, DateTimeOffset now)
    {
        if (year is { } y && Years.IsValid(y))
            return (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
        var today = ChinaTime.DateOf(now);
        return (today.AddYears(-1), today.AddYears(2));
    }

    /// <summary>The meetings of the window in the caller's scope, the newest <paramref name="maxEvents"/> when there are more.</summary>
    public static async Task<Feed> SelectAsync(
        MeetingQueries queries, string? orgUnitCode, int? year, int maxEvents, DateTimeOffset now, Domain.Access.Caller caller, CancellationToken ct)
    {
        var (from, to) = Window(year, now);
        var newest = await queries.ListAsync(
            new MeetingFilter(orgUnitCode, year, null, null, maxEvents + 1, From: from, To: to, NewestFirst: true), caller, ct);
        var truncated = newest.Count > maxEvents;
        return new Feed(newest.Take(maxEvents).Reverse().ToList(), from, to, truncated);
    }

    public static void Describe(HttpResponse response, Feed feed)
    {
        response.Headers[WindowHeader] = $"{feed.From:yyyy-MM-dd}/{feed.To:yyyy-MM-dd}";
        if (feed.Truncated)
            response.Headers[TruncatedHeader] = feed.Meetings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The domain of every event's UID (<c>meeting-{id}@{domain}</c>): the host of <c>Hosting:PublicUrl</c>, else
    /// <see cref="FallbackUidDomain"/>. Never the request's Host header, which any client sets: a UID that moved
    /// with it would make calendar apps list every meeting twice, or let one feed's events overwrite another's.
    /// </summary>
    public static string UidDomain(IConfiguration configuration) => HostSettings.Read<HostingSettings>(configuration).PublicUri?.IdnHost ?? FallbackUidDomain;

    public static string Write(Feed feed, string uidDomain)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//CommunityWorkflows//Regular meetings//ZH" };
        calendar.AddProperty("X-WR-CALNAME", "党建例会");
        calendar.AddProperty("X-WR-TIMEZONE", ChinaTime.ZoneId);
        calendar.AddProperty("X-WR-CALDESC", feed.Truncated
            ? $"期间起于{feed.From:yyyy-MM-dd}至{feed.To:yyyy-MM-dd}的例会过多，仅列出最近的{feed.Meetings.Count}项；请按单位（orgUnitCode）或年度（year）筛选。"
            : $"期间起于{feed.From:yyyy-MM-dd}至{feed.To:yyyy-MM-dd}的例会。");
        var meetings = feed.Meetings;
        foreach (var meeting in meetings)
        {
            var day = meeting.HeldOn ?? ChinaTime.DateOf(meeting.DueAt);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"meeting-{meeting.Id}@{uidDomain}",
                Summary = Printable($"{Status(meeting)}{meeting.OrgUnitName}{meeting.Period}{meeting.Title}"),
                Description = $"期间：{meeting.PeriodStart:yyyy-MM-dd}至{meeting.PeriodEnd:yyyy-MM-dd}；截止：{ChinaTime.DateOf(meeting.DueAt):yyyy-MM-dd}；状态：{Status(meeting).Trim('【', '】')}",
                Start = new CalDateTime(day),
                End = new CalDateTime(day.AddDays(1)),
                Transparency = "TRANSPARENT",
            });
        }
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>
    /// Text as RFC 5545 allows it: control characters (which a unit's name may carry from an import) and the
    /// noncharacters U+FFFE/U+FFFF become spaces, so a calendar app does not reject the whole feed.
    /// </summary>
    static string Printable(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = char.IsControl(source[i]) || source[i] is '\uFFFE' or '\uFFFF' ? ' ' : source[i];
        });

    static string Status(MeetingView meeting) => meeting.Status switch
    {
        "Held" when meeting.Late => "【已召开·补录】",
        "Held" => "【已召开】",
        "Overdue" => "【逾期未开】",
        _ => "【待召开】",
    };
}
