using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Runtime;

namespace CommunityWorkflows.Domain.Tests.Liaison;

public class LiaisonPolicyTests
{
    static readonly LiaisonPolicy Default = LiaisonPolicy.Default;

    [Fact]
    public void The_defaults_break_no_rule() => Assert.Empty(Default.Problems());

    public static TheoryData<LiaisonPolicy, string> OutOfRange => new()
    {
        { Default with { ProblemReminderDays = [100_000_000] }, "ProblemReminderDays" },
        { Default with { ProblemReminderDays = [366] }, "ProblemReminderDays" },
        { Default with { ProblemReminderDays = [.. Enumerable.Range(1, 11)] }, "ProblemReminderDays" },
        { Default with { ProblemEscalationWorkdays = [1, 100_000_000] }, "ProblemEscalationWorkdays" },
        { Default with { ProblemEscalationWorkdays = [.. Enumerable.Range(1, 11)] }, "ProblemEscalationWorkdays" },
        { Default with { ExpectedVisitsPerYear = 1_000_000 }, "ExpectedVisitsPerYear" },
        { Default with { Weights = new LiaisonAssessmentWeights(1e25m, 30, 20) }, "weights" },
        { Default with { VisitDueAfterDays = 367 }, "VisitDueAfterDays" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void A_setting_out_of_range_is_named(LiaisonPolicy policy, string setting) =>
        Assert.Contains(setting, Assert.Single(policy.Problems()));

    [Fact]
    public void The_widest_settings_still_give_every_problem_a_schedule()
    {
        var widest = Default with
        {
            ProblemReminderDays = [LiaisonPolicy.MaxProblemReminderDays], ProblemEscalationWorkdays = [LiaisonPolicy.MaxProblemEscalationWorkdays],
            Weights = new LiaisonAssessmentWeights(LiaisonPolicy.MaxWeight, LiaisonPolicy.MaxWeight, LiaisonPolicy.MaxWeight),
        };
        Assert.Empty(widest.Problems());
        var calendar = BusinessCalendar.WeekendsOnly;
        foreach (var due in new[] { new DateOnly(Years.Min, 1, 1), new DateOnly(Years.Max, 12, 31) })
        {
            var schedule = DeadlineSchedule.ForDueDate(due, new ReminderRule(widest.ProblemReminderDays),
                [new EscalationStep(widest.ProblemEscalationWorkdays[0], "leader")], new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero), calendar);
            Assert.Equal(3, schedule.Timers().Count);
        }
        Assert.Equal(100m, TargetManagementAssessment.Score(new AssessmentFacts(1, 1, 0, 0, 0, 0, 366, 366), widest).Score);
    }
}
