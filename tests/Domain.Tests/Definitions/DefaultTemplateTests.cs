using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityWorkflows.Domain.Definitions;
using Json.Schema;

namespace CommunityWorkflows.Domain.Tests.Definitions;

public class DefaultTemplateTests
{
    static readonly JsonSchema Schema = JsonSchema.FromText(TemplateSample.ShippedText("template.schema.json"));
    static readonly string Annual = TemplateSample.ShippedText("annual-responsibility.json");

    static EvaluationResults Evaluate(string json) =>
        Schema.Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List });

    static string Describe(EvaluationResults results) => string.Join("; ",
        results.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    [Fact]
    public void The_annual_template_validates_against_the_schema()
    {
        var results = Evaluate(Annual);
        Assert.True(results.IsValid, Describe(results));
    }

    [Fact]
    public void A_frozen_definition_reads_back_as_written_without_being_validated_again()
    {
        var template = TemplateSample.Parse(Annual).AssertValid();
        var frozen = TemplateJson.Serialize(template);

        var read = TemplateJson.ReadFrozen(frozen);
        Assert.Equal(frozen, TemplateJson.Serialize(read));
        // a rule added later (say, at most 3 days' reminders) must not stop a running cycle reading its copy
        var node = JsonNode.Parse(frozen)!;
        node["reminders"]!["daysBefore"] = new JsonArray(99);
        var laterRulesWouldRefuse = node.ToJsonString();
        Assert.False(TemplateSample.Parse(laterRulesWouldRefuse).Errors.Count == 0);
        Assert.Equal([99], TemplateJson.ReadFrozen(laterRulesWouldRefuse).Reminders.DaysBefore);
    }

    [Fact]
    public void The_annual_template_parses_with_no_errors_into_the_three_stages()
    {
        var template = TemplateSample.Parse(Annual).AssertValid();

        Assert.Equal("annual-responsibility", template.Key);
        Assert.Equal("社区党建工作责任制年度考核", template.Name);
        Assert.Equal("Street", template.Participants.Kind);
        Assert.Equal(["TargetSetting", "MidYearInspection", "YearEndAssessment"], template.Stages.Select(s => s.Key));
        Assert.Equal(["targets", "responsibilityLetter", "selfInspection", "inspection", "dutyReport", "scoring", "democraticRating"],
            template.Stages.SelectMany(s => s.Tasks).Select(t => t.Key));
        Assert.Equal(new DueRule.OnDate(1, 15), template.Stages[2].Due);
        Assert.Equal(new DateOnly(2027, 1, 15), template.Stages[2].Due.DueDate(new DateOnly(2026, 11, 15), new DateOnly(2026, 11, 15), CommunityWorkflows.Domain.Calendar.BusinessCalendar.WeekendsOnly));
        Assert.Equal(["selfInspection"], template.Stages[1].Tasks[1].After);
        Assert.Null(template.Stages[1].Tasks[1].Reviewer);
        Assert.False(template.Stages[0].Tasks[1].Gate);
        Assert.True(template.Stages[0].Tasks[1].EvidenceRequired);
    }

    [Fact]
    public void The_annual_indicators_score_100_with_two_vetoes_and_a_bonus_of_5()
    {
        var template = TemplateSample.Parse(Annual).AssertValid();
        Assert.Equal(100m, template.Indicators.Where(i => !i.Veto && !i.Bonus).Sum(i => i.MaxScore));
        Assert.Equal(["严重违纪违法", "党组织换届逾期"], template.Indicators.Where(i => i.Veto).Select(i => i.Name));
        Assert.Equal(5m, template.Indicators.Single(i => i.Bonus).MaxScore);
        Assert.Equal(new GradingRule(0.3m, new RatingWeights(100, 80, 60, 0), 5, new GradeThresholds(90, 80, 60)), template.Grading);
    }

    [Fact]
    public void The_canonical_form_validates_too_and_reads_back_to_itself()
    {
        var canonical = TemplateJson.Serialize(TemplateSample.Parse(Annual).AssertValid());
        var results = Evaluate(canonical);
        Assert.True(results.IsValid, Describe(results));
        Assert.Equal(canonical, TemplateJson.Serialize(TemplateSample.Parse(canonical).AssertValid()));
        Assert.Contains("\"name\": \"社区党建工作责任制年度考核\"", canonical);
    }

    [Fact]
    public void The_canonical_form_spells_out_the_defaults()
    {
        var canonical = JsonNode.Parse(TemplateJson.Serialize(TemplateSample.Parse(TemplateSample.Minimal()).AssertValid()))!;
        Assert.Equal("""{"daysBefore":[7,1]}""", canonical["reminders"]!.ToJsonString());
        Assert.Equal(2, canonical["escalation"]!.AsArray().Count);
        Assert.False(canonical["stages"]![1]!["tasks"]![1]!["gate"]!.GetValue<bool>());
        Assert.Equal("+10 workdays", canonical["stages"]![0]!["due"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("\"gate\": true", "\"gated\": true")]
    [InlineData("\"kind\": \"Street\"", "\"kind\": \"Village\"")]
    [InlineData("\"due\": \"06-30\"", "\"due\": \"end of June\"")]
    [InlineData("\"assignee\": \"inspector\"", "\"assignee\": \"mayor\"")]
    [InlineData("\"code\": \"seriousViolation\", \"name\": \"严重违纪违法\", \"veto\": true", "\"code\": \"seriousViolation\", \"name\": \"严重违纪违法\", \"veto\": true, \"maxScore\": 5")]
    public void The_schema_and_the_parser_both_refuse_a_broken_copy(string from, string to)
    {
        var broken = Annual.Replace(from, to);
        Assert.NotEqual(Annual, broken);
        Assert.False(Evaluate(broken).IsValid);
        Assert.False(TemplateSample.Parse(broken).IsValid);
    }

    [Fact]
    public void The_example_in_the_format_documentation_is_valid()
    {
        var doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "templates.md"));
        var start = doc.IndexOf("```json\n", doc.IndexOf("## A small example", StringComparison.Ordinal), StringComparison.Ordinal) + "```json\n".Length;
        var example = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
        var template = TemplateSample.Parse(example).AssertValid();
        Assert.Equal("Community", template.Participants.Kind);
        Assert.True(Evaluate(example).IsValid);
    }

    [Fact]
    public void The_schema_is_a_2020_12_schema() =>
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", JsonDocument.Parse(TemplateSample.ShippedText("template.schema.json")).RootElement.GetProperty("$schema").GetString());
}
