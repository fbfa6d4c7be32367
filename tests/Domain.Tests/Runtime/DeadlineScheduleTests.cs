using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Runtime;

namespace CommunityWorkflows.Domain.Tests.Runtime;

public class DeadlineScheduleTests
{
    static readonly StageDefinition AtLaunch = new("First", "首阶段", new OpeningRule.AtLaunch(), DueRule.Parse("03-31")!, null, null, []);

    [Fact]
    public void A_cycle_launched_ahead_reckons_a_launch_stage_in_its_own_year()
    {
        var launchedInDecember = ChinaTime.At(new DateOnly(2026, 12, 10), 10);
        var opensAt = DeadlineSchedule.StageOpensAt(AtLaunch, 2027, launchedInDecember);

        Assert.Equal(ChinaTime.At(new DateOnly(2027, 1, 1)), opensAt);
        Assert.Equal(new DateOnly(2027, 3, 31), AtLaunch.Due.DueDate(ChinaTime.DateOf(opensAt), ChinaTime.DateOf(opensAt), BusinessCalendar.WeekendsOnly));
    }

    [Fact]
    public void A_launch_stage_opens_at_launch_within_the_year()
    {
        var launched = ChinaTime.At(new DateOnly(2027, 2, 10), 10);
        Assert.Equal(launched, DeadlineSchedule.StageOpensAt(AtLaunch, 2027, launched));
    }

    [Fact]
    public void A_returned_task_past_its_escalations_hears_only_the_latest_one_at_once()
    {
        var escalation = new[] { new EscalationStep(1, "directResponsible"), new EscalationStep(5, "firstResponsible"), new EscalationStep(20, "firstResponsible") };
        var schedule = DeadlineSchedule.ForDueDate(new DateOnly(2026, 3, 31), new ReminderRule([7, 1]), escalation,
            ChinaTime.At(new DateOnly(2026, 1, 5)), BusinessCalendar.WeekendsOnly);
        var now = ChinaTime.At(new DateOnly(2026, 4, 10), 10);

        var timers = schedule.TimersFrom(now);
        Assert.Equal([("Overdue", 0, now), ("Escalation", 2, now), ("Escalation", 3, schedule.Escalations[2].At)],
            timers.Select(t => (t.Kind, t.Step, t.At)));
    }
}
