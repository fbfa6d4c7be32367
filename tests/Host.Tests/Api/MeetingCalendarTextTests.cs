using CommunityWorkflows.Host.Api;
using CommunityWorkflows.Workflows.Meetings;

namespace CommunityWorkflows.Host.Tests.Api;

public class MeetingCalendarTextTests
{
    [Fact]
    public void Control_characters_in_a_units_name_do_not_reach_the_feed()
    {
        var meeting = new MeetingView(1, "street-quarterly", "例会", "S1", "河\u0001口\u000B街道\uFFFF", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31),
            "2026年第1季度", new DateTimeOffset(2026, 3, 31, 15, 59, 59, TimeSpan.Zero), "Due", false, false, null);
        var feed = new MeetingCalendar.Feed([meeting], new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), false);

        var text = MeetingCalendar.Write(feed, "example.org");

        Assert.DoesNotContain(text, c => c is '\u0001' or '\u000B' or '\uFFFF');
        var calendar = Ical.Net.Calendar.Load(text)!;
        Assert.Equal("【待召开】河 口 街道 2026年第1季度例会", Assert.Single(calendar.Events).Summary);
    }
}
