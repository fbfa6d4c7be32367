using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Runtime;

namespace CommunityWorkflows.Domain.Tests.Runtime;

public class EffectiveTaskRulesTests
{
    static readonly TaskDefinition Report = new("report", "Report", null, "secretary", "streetSecretary", true, false, [], []);
    static readonly ReminderRule TemplateReminders = new([7, 1]);
    static readonly IReadOnlyList<EscalationStep> TemplateEscalation = [new(2, "streetSecretary")];

    static TemplateDefinition Template(ReminderRule? stageReminders, IReadOnlyList<EscalationStep>? stageEscalation) => new(
        "t", "T", null, new ParticipantRule("Community"), TemplateReminders, TemplateEscalation,
        [new StageDefinition("first", "First", new OpeningRule.AtLaunch(), DueRule.Parse("03-31")!, stageReminders, stageEscalation, [Report])],
        [], null);

    [Fact]
    public void A_stage_without_rules_of_its_own_takes_the_templates()
    {
        var rules = EffectiveTaskRules.Of(Template(null, null), 0, "report");

        Assert.Equal(Report, rules.Task);
        Assert.Equal(TemplateReminders, rules.Deadline.Reminders);
        Assert.Equal(TemplateEscalation, rules.Deadline.Escalation);
        Assert.Equal(DueRule.Parse("03-31"), rules.Deadline.Due);
    }

    [Fact]
    public void A_stages_own_reminders_and_escalation_override_the_templates()
    {
        var reminders = new ReminderRule([3]);
        IReadOnlyList<EscalationStep> escalation = [new(1, "districtSecretary")];

        var rules = EffectiveTaskRules.Of(Template(reminders, escalation), 0, "report");

        Assert.Equal(reminders, rules.Deadline.Reminders);
        Assert.Equal(escalation, rules.Deadline.Escalation);
    }

    [Fact]
    public void A_stage_may_override_one_rule_and_keep_the_other()
    {
        var reminders = new ReminderRule([3]);

        var rules = EffectiveTaskRules.Of(Template(reminders, null), 0, "report");

        Assert.Equal(reminders, rules.Deadline.Reminders);
        Assert.Equal(TemplateEscalation, rules.Deadline.Escalation);
    }

    [Fact]
    public void A_tasks_own_definition_wins_and_has_no_due_rule()
    {
        var own = new TaskDefinition("rectify", "Rectify", null, "secretary", "inspector", false, true, [], []);
        IReadOnlyList<EscalationStep> escalation = [new(5, "districtAdmin")];

        var rules = EffectiveTaskRules.Own(own, new ReminderRule([2]), escalation);

        Assert.Equal(own, rules.Task);
        Assert.Equal([2], rules.Deadline.Reminders.DaysBefore);
        Assert.Equal(escalation, rules.Deadline.Escalation);
        Assert.Null(rules.Deadline.Due);
    }

    [Fact]
    public void A_stage_schedule_uses_the_resolved_rules()
    {
        var reminders = new ReminderRule([3]);
        var template = Template(reminders, null);
        var opened = ChinaTime.At(new DateOnly(2027, 1, 4), 10);

        var schedule = DeadlineSchedule.ForStage(template, template.Stages[0], new DateOnly(2027, 1, 4), opened, BusinessCalendar.WeekendsOnly);

        Assert.Equal([3], schedule.Reminders.Select(r => r.DaysBefore));
        Assert.Single(schedule.Escalations);
        Assert.Equal(TimerKinds.Reminder, schedule.Timers()[0].Kind);
    }
}
