using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Notifications;

namespace CommunityWorkflows.Workflows.Tests.Notifications;

public class NoticeKindTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly Caller Nobody = new(0, "nobody", []);

    [Fact]
    public void Every_kind_is_listed_once_and_a_task_timer_notice_carries_a_listed_kind()
    {
        var kinds = engine.Get<NoticeKinds>();
        Assert.Equal(kinds.All.Count, kinds.All.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(13, kinds.All.Count);
        var schedule = DeadlineSchedule.ForDueDate(new DateOnly(2026, 3, 31), new ReminderRule([7]), [new EscalationStep(3, "districtAdmin")],
            ChinaTime.At(new DateOnly(2026, 3, 1)), BusinessCalendar.WeekendsOnly);
        Assert.All(schedule.Timers(), t => Assert.Contains(t.Kind, kinds.All));
    }

    [Fact]
    public async Task An_unknown_kind_is_refused_naming_the_known_ones()
    {
        var error = await Assert.ThrowsAsync<RuleViolationException>(() => engine.Get<Inbox>().ListAsync(false, "Bogus", 10, null, Nobody, CancellationToken.None));

        var only = Assert.Single(error.Errors);
        Assert.Equal("/kind", only.Field);
        Assert.Contains("Reminder, Overdue, Escalation, Returned, MeetingReminder", only.Message);
        Assert.Contains("VisitDue", only.Message);
    }

    [Fact]
    public async Task A_known_kind_is_read_in_any_letter_case() =>
        Assert.Empty(await engine.Get<Inbox>().ListAsync(false, " meetingoverdue ", 10, null, Nobody, CancellationToken.None));
}
