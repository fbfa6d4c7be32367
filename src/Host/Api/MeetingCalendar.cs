using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Workflows.Meetings;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// The meetings as an iCalendar feed (RFC 5545, Ical.Net): one all-day event per obligation on its due date —
/// the day by which it must be held — or on the day it was held, with the period and status in Chinese.
/// </summary>
static class MeetingCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Write(IEnumerable<MeetingView> meetings, string host)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//CommunityWorkflows//Regular meetings//ZH" };
        calendar.AddProperty("X-WR-CALNAME", "党建例会");
        calendar.AddProperty("X-WR-TIMEZONE", ChinaTime.ZoneId);
        foreach (var meeting in meetings)
        {
            var day = meeting.HeldOn ?? ChinaTime.DateOf(meeting.DueAt);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"meeting-{meeting.Id}@{host}",
                Summary = $"{Status(meeting)}{meeting.OrgUnitName}{meeting.Period}{meeting.Title}",
                Description = $"期间：{meeting.PeriodStart:yyyy-MM-dd}至{meeting.PeriodEnd:yyyy-MM-dd}；截止：{ChinaTime.DateOf(meeting.DueAt):yyyy-MM-dd}；状态：{Status(meeting).Trim('【', '】')}",
                Start = new CalDateTime(day),
                End = new CalDateTime(day.AddDays(1)),
                Transparency = "TRANSPARENT",
            });
        }
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    static string Status(MeetingView meeting) => meeting.Status switch
    {
        "Held" when meeting.Late => "【已召开·补录】",
        "Held" => "【已召开】",
        "Overdue" => "【逾期未开】",
        _ => "【待召开】",
    };
}
