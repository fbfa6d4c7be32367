using CommunityWorkflows.Domain.Liaison;

namespace CommunityWorkflows.Domain.Tests.Liaison;

public class VisitClockTests
{
    [Fact]
    public void A_point_starts_counting_on_its_creation_day_or_on_the_first_of_its_year_if_created_before()
    {
        Assert.Equal(new DateOnly(2026, 3, 2), VisitClock.StartedOn(new DateOnly(2026, 3, 2), 2026));
        Assert.Equal(new DateOnly(2026, 1, 1), VisitClock.StartedOn(new DateOnly(2025, 12, 20), 2026));
        Assert.Equal(new DateOnly(2025, 1, 1), VisitClock.StartedOn(new DateOnly(2026, 3, 2), 2025)); // a past year's point, set up late
    }

    [Fact]
    public void Days_without_a_visit_count_from_the_last_visit_or_the_start_and_stop_at_the_year_end()
    {
        var start = new DateOnly(2026, 1, 5);
        Assert.Equal(10, VisitClock.DaysWithoutVisit(null, start, new DateOnly(2026, 1, 15), 2026));
        Assert.Equal(5, VisitClock.DaysWithoutVisit(new DateOnly(2026, 1, 10), start, new DateOnly(2026, 1, 15), 2026));
        Assert.Equal(360, VisitClock.DaysWithoutVisit(null, start, new DateOnly(2027, 5, 1), 2026));
        Assert.Equal(0, VisitClock.DaysWithoutVisit(null, new DateOnly(2027, 1, 1), new DateOnly(2026, 12, 1), 2027));
    }

    [Fact]
    public void A_visit_is_due_once_the_gap_is_longer_than_the_configured_days()
    {
        Assert.False(VisitClock.IsVisitDue(90, 90));
        Assert.True(VisitClock.IsVisitDue(91, 90));
    }

    [Fact]
    public void Reminders_fall_on_the_first_day_of_each_overlong_gap_and_never_after_the_year()
    {
        var visited = new DateOnly(2026, 1, 10);
        Assert.Equal(new DateOnly(2026, 4, 11), VisitClock.ReminderOn(visited, 1, 90, 2026)); // 91 days after
        Assert.Equal(new DateOnly(2026, 7, 10), VisitClock.ReminderOn(visited, 2, 90, 2026));
        Assert.Null(VisitClock.ReminderOn(new DateOnly(2026, 11, 1), 1, 90, 2026));
    }
}
