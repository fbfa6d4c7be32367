using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Testing;

/// <summary>Definitions built in code for the runtime's tests: the yearly shape of the default template, smaller.</summary>
public static class TestTemplates
{
    static TaskDefinition Task(string key, string assignee, string? reviewer, bool gate, IReadOnlyList<string>? after = null, IReadOnlyList<FormField>? form = null, bool evidence = false) =>
        new(key, $"任务{key}", null, assignee, reviewer, gate, evidence, after ?? [], form ?? []);

    public static readonly TemplateDefinition Annual = new(
        "test-annual", "测试年度考核", null, new ParticipantRule("Street"), new ReminderRule([7, 1]),
        [new EscalationStep(1, "directResponsible"), new EscalationStep(5, "firstResponsible")],
        [
            new StageDefinition("TargetSetting", "年初定目标", new OpeningRule.OnDate(1, 1), DueRule.Parse("03-31")!, null, null,
            [
                Task("targets", "directResponsible", "districtAdmin", gate: true, form: [new FormField("goals", "年度目标", "text", true), new FormField("count", "任务数", "integer", false, Min: 1, Max: 50)]),
                Task("letter", "directResponsible", null, gate: false),
            ]),
            new StageDefinition("MidYearInspection", "年中检查", new OpeningRule.OnDate(6, 1), DueRule.Parse("06-30")!, null, null,
            [
                Task("selfInspection", "directResponsible", "districtAdmin", gate: true),
                Task("inspection", "inspector", null, gate: true, after: ["selfInspection"]),
            ]),
            new StageDefinition("YearEndAssessment", "年底考核", new OpeningRule.OnDate(11, 15), DueRule.Parse("01-15")!, null, null,
            [
                Task("dutyReport", "directResponsible", "firstResponsible", gate: true),
            ]),
        ],
        [], null);
}
