using System.Text.Json.Nodes;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Errors;

namespace CommunityWorkflows.Domain.Tests.Definitions;

public class TemplateParserTests
{
    [Fact]
    public void A_minimal_template_gets_the_default_reminders_escalation_and_flags()
    {
        var template = TemplateSample.Parse(TemplateSample.Minimal()).AssertValid();

        Assert.Equal("mini", template.Key);
        Assert.Equal("Street", template.Participants.Kind);
        Assert.Equal([7, 1], template.Reminders.DaysBefore);
        Assert.Equal([new EscalationStep(1, "directResponsible"), new EscalationStep(5, "firstResponsible")], template.Escalation);
        Assert.Equal(new OpeningRule.AtLaunch(), template.Stages[0].OpensOn);
        Assert.Equal(new DueRule.AfterWorkdays(10), template.Stages[0].Due);
        Assert.Equal(new DueRule.OnDate(6, 30), template.Stages[1].Due);
        Assert.Null(template.Stages[0].Reminders);
        Assert.Null(template.Stages[0].Escalation);
        var follow = template.Stages[1].Tasks[1];
        Assert.False(follow.Gate);
        Assert.False(follow.EvidenceRequired);
        Assert.Null(follow.Reviewer);
        Assert.Equal(["check"], follow.After);
        Assert.Empty(follow.Form);
        Assert.Empty(template.Indicators);
        Assert.Null(template.Grading);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("-ab")]
    [InlineData("Annual")]
    [InlineData("annual_2026")]
    [InlineData("annual 2026")]
    [InlineData("schema")]
    public void A_key_outside_the_pattern_is_refused(string key)
    {
        var json = TemplateSample.Minimal();
        json["key"] = key;
        TemplateSample.Parse(json).AssertErrors("/key");
    }

    [Fact]
    public void A_key_of_64_characters_is_the_longest_allowed()
    {
        var json = TemplateSample.Minimal();
        json["key"] = "a" + new string('-', 62) + "z";
        TemplateSample.Parse(json).AssertValid();
        json["key"] = new string('a', 65);
        TemplateSample.Parse(json).AssertErrors("/key");
    }

    [Fact]
    public void Wrong_json_types_are_field_errors_not_exceptions()
    {
        var json = TemplateSample.Minimal();
        json["key"] = 5;
        json["name"] = new JsonArray();
        json["participants"] = "Street";
        json["reminders"] = new JsonObject { ["daysBefore"] = "7" };
        json.Task(0, 0)["gate"] = "yes";
        json.Task(1, 0)["after"] = "report";
        json.Stage(1)["due"] = 30;

        var messages = TemplateSample.Parse(json).AssertErrors(
            "/key", "/name", "/participants", "/reminders/daysBefore", "/stages/0/tasks/0/gate", "/stages/1/due", "/stages/1/tasks/0/after");
        Assert.Equal("'key' must be a string, not a number.", messages[0]);
        Assert.Contains("Expected an object, found a string", messages[2]);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"template\"")]
    [InlineData("42")]
    public void A_document_that_is_not_an_object_is_one_error_at_the_root(string json) =>
        TemplateSample.Parse(json).AssertErrors("");

    [Fact]
    public void Every_problem_is_reported_not_just_the_first()
    {
        var json = TemplateSample.Minimal();
        json.Remove("name");
        json["participants"]!["kind"] = "Village";
        json.Task(0, 0)["assignee"] = "mayor";
        json.Stage(1)["due"] = "end of June";
        json.Task(1, 1)["after"] = new JsonArray("nothing");

        TemplateSample.Parse(json).AssertErrors(
            "/name", "/participants/kind", "/stages/0/tasks/0/assignee", "/stages/1/due", "/stages/1/tasks/1/after/0");
    }

    [Fact]
    public void Unknown_properties_are_reported_at_every_level()
    {
        var json = TemplateSample.Minimal();
        json["stage"] = new JsonArray();
        json["participants"]!["Kind"] = "Street";
        json.Stage(0)["dueOn"] = "03-31";
        json.Task(1, 0)["gated"] = true;
        json.Task(1, 0)["form"] = JsonNode.Parse("""[{"key":"a","label":"甲","type":"text","requried":true}]""");

        var messages = TemplateSample.Parse(json).AssertErrors(
            "/stage", "/participants/Kind", "/stages/0/dueOn", "/stages/1/tasks/0/gated", "/stages/1/tasks/0/form/0/requried");
        Assert.StartsWith("Unknown property 'stage'; expected key, name,", messages[0]);
    }

    [Fact]
    public void A_repeated_property_is_reported() =>
        TemplateSample.Parse(TemplateSample.Minimal().ToJsonString().Replace("\"key\":\"mini\"", "\"key\":\"mini\",\"key\":\"maxi\""))
            .AssertErrors("/key");

    [Fact]
    public void Pointer_segments_are_escaped() =>
        TemplateSample.Parse(TemplateSample.Minimal().ToJsonString().Replace("\"key\":\"mini\"", "\"key\":\"mini\",\"a/b~c\":1"))
            .AssertErrors("/a~1b~0c");

    [Fact]
    public void Null_counts_as_absent()
    {
        var json = TemplateSample.Minimal();
        json["description"] = null;
        json["reminders"] = null;
        json.Task(0, 0)["reviewer"] = null;
        var template = TemplateSample.Parse(json).AssertValid();
        Assert.Null(template.Description);
        Assert.Equal([7, 1], template.Reminders.DaysBefore);
        Assert.Null(template.Stages[0].Tasks[0].Reviewer);

        json["name"] = null;
        Assert.Equal(["'name' is required."], TemplateSample.Parse(json).AssertErrors("/name"));
    }

    [Theory]
    [InlineData("Community", true)]
    [InlineData("Street", true)]
    [InlineData("street", false)]
    [InlineData("District", false)]
    public void Participants_are_streets_or_communities(string kind, bool valid)
    {
        var json = TemplateSample.Minimal();
        json["participants"]!["kind"] = kind;
        var result = TemplateSample.Parse(json);
        if (valid) result.AssertValid();
        else result.AssertErrors("/participants/kind");
    }

    [Fact]
    public void Reminder_days_are_1_to_60_and_distinct()
    {
        var json = TemplateSample.Minimal();
        json["reminders"] = JsonNode.Parse("""{"daysBefore":[30, 0, 61, 30, 1.5]}""");
        var messages = TemplateSample.Parse(json).AssertErrors(
            "/reminders/daysBefore/4", "/reminders/daysBefore/1", "/reminders/daysBefore/2", "/reminders/daysBefore/3");
        Assert.Contains("listed twice", messages[3]);

        json["reminders"] = JsonNode.Parse("""{"daysBefore":[]}""");
        Assert.Empty(TemplateSample.Parse(json).AssertValid().Reminders.DaysBefore);
    }

    [Fact]
    public void Escalation_goes_to_an_escalation_target_in_ascending_workdays()
    {
        var json = TemplateSample.Minimal();
        json["escalation"] = JsonNode.Parse("""
            [{"afterWorkdays":3,"to":"districtAdmin"},{"afterWorkdays":3,"to":"firstResponsible"},
             {"afterWorkdays":0,"to":"inspector"},{"to":"directResponsible"}]
            """);
        TemplateSample.Parse(json).AssertErrors(
            "/escalation/1/afterWorkdays", "/escalation/2/afterWorkdays", "/escalation/2/to", "/escalation/3/afterWorkdays");

        json["escalation"] = new JsonArray();
        Assert.Empty(TemplateSample.Parse(json).AssertValid().Escalation);
    }

    [Fact]
    public void A_stage_may_replace_the_template_reminders_and_escalation()
    {
        var json = TemplateSample.Minimal();
        json.Stage(1)["reminders"] = JsonNode.Parse("""{"daysBefore":[3]}""");
        json.Stage(1)["escalation"] = JsonNode.Parse("""[{"afterWorkdays":2,"to":"districtAdmin"}]""");
        var stage = TemplateSample.Parse(json).AssertValid().Stages[1];
        Assert.Equal([3], stage.Reminders!.DaysBefore);
        Assert.Equal([new EscalationStep(2, "districtAdmin")], stage.Escalation);

        json.Stage(1)["escalation"] = JsonNode.Parse("""[{"afterWorkdays":2,"to":"streetOfficer"}]""");
        TemplateSample.Parse(json).AssertErrors("/stages/1/escalation/0/to");
    }

    [Fact]
    public void Parse_valid_throws_a_rule_violation_naming_every_field()
    {
        var json = TemplateSample.Minimal();
        json["key"] = "X";
        json.Remove("stages");
        using var document = System.Text.Json.JsonDocument.Parse(json.ToJsonString());
        var e = Assert.Throws<RuleViolationException>(() => TemplateParser.ParseValid(document.RootElement));
        Assert.Equal(["/key", "/stages"], e.Errors.Select(f => f.Field));
    }
}
