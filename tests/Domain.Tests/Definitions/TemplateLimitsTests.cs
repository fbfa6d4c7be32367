using System.Text.Json.Nodes;
using CommunityWorkflows.Domain.Definitions;
using Json.Schema;

namespace CommunityWorkflows.Domain.Tests.Definitions;

/// <summary>Every count a template may hold has a limit, the same in the parser and in the served schema.</summary>
public class TemplateLimitsTests
{
    static readonly JsonSchema Schema = JsonSchema.FromText(TemplateSample.ShippedText("template.schema.json"));

    static bool SchemaAccepts(JsonObject json) => Schema.Evaluate(JsonNode.Parse(json.ToJsonString())).IsValid;

    static JsonObject Task(string key, bool gate = true) => new() { ["key"] = key, ["title"] = key, ["assignee"] = "directResponsible", ["gate"] = gate };

    static JsonObject Stage(int index, int tasks) => new()
    {
        ["key"] = $"S{index}", ["name"] = $"阶段{index}", ["opensOn"] = index == 0 ? "launch" : "06-01", ["due"] = "+10 workdays",
        ["tasks"] = new JsonArray(Enumerable.Range(0, tasks).Select(t => (JsonNode)Task($"s{index}t{t}")).ToArray()),
    };

    static JsonObject WithStages(int stages, int tasksEach)
    {
        var json = TemplateSample.Minimal();
        json["stages"] = new JsonArray(Enumerable.Range(0, stages).Select(s => (JsonNode)Stage(s, tasksEach)).ToArray());
        return json;
    }

    static JsonArray Many(int count, Func<int, JsonNode> item) => new(Enumerable.Range(0, count).Select(item).ToArray());

    /// <summary>A template holding <paramref name="count"/> of one thing, and where the parser reports too many.</summary>
    static (JsonObject Json, string Pointer) Holding(string what, int count)
    {
        var json = TemplateSample.Minimal();
        switch (what)
        {
            case "stages": return (WithStages(count, 1), "/stages");
            case "tasks": json.Stage(1)["tasks"] = Many(count, i => Task($"t{i}")); return (json, "/stages/1/tasks");
            case "after":
                json.Stage(1)["tasks"] = Many(TemplateParser.MaxTasksPerStage, i => Task($"t{i}", gate: i == 0));
                json.Task(1, 0)["after"] = Many(count, i => JsonValue.Create($"t{i + 1}"));
                return (json, "/stages/1/tasks/0/after");
            case "form": json.Task(0, 0)["form"] = Many(count, i => new JsonObject { ["key"] = $"f{i}", ["label"] = "字段", ["type"] = "text" }); return (json, "/stages/0/tasks/0/form");
            case "options":
                json.Task(0, 0)["form"] = new JsonArray(new JsonObject { ["key"] = "c", ["label"] = "选项", ["type"] = "choice", ["options"] = Many(count, i => JsonValue.Create($"o{i}")) });
                return (json, "/stages/0/tasks/0/form/0/options");
            case "reminders": json["reminders"] = new JsonObject { ["daysBefore"] = Many(count, i => JsonValue.Create(i + 1)) }; return (json, "/reminders/daysBefore");
            case "escalation":
                json.Stage(0)["escalation"] = Many(count, i => new JsonObject { ["afterWorkdays"] = i + 1, ["to"] = "districtAdmin" });
                return (json, "/stages/0/escalation");
            case "indicators": json["indicators"] = Many(count, i => new JsonObject { ["code"] = $"i{i}", ["name"] = "指标", ["maxScore"] = 1 }); return (json, "/indicators");
            default: throw new ArgumentOutOfRangeException(nameof(what));
        }
    }

    [Theory]
    [InlineData("stages", TemplateParser.MaxStages)]
    [InlineData("tasks", TemplateParser.MaxTasksPerStage)]
    [InlineData("after", TemplateParser.MaxTasksPerStage - 1)]
    [InlineData("form", TemplateParser.MaxFormFields)]
    [InlineData("options", TemplateParser.MaxOptions)]
    [InlineData("reminders", TemplateParser.MaxReminders)]
    [InlineData("escalation", TemplateParser.MaxEscalationSteps)]
    [InlineData("indicators", TemplateParser.MaxIndicators)]
    public void The_parser_and_the_schema_take_the_limit_and_refuse_one_more(string what, int limit)
    {
        var (atLimit, _) = Holding(what, limit);
        TemplateSample.Parse(atLimit).AssertValid();
        Assert.True(SchemaAccepts(atLimit));

        var (over, pointer) = Holding(what, limit + 1);
        var message = Assert.Single(TemplateSample.Parse(over).AssertErrors(pointer));
        Assert.Equal($"At most {limit}", message[..$"At most {limit}".Length]);
        Assert.False(SchemaAccepts(over));
    }

    [Fact]
    public void A_thousand_tasks_over_the_stage_limit_are_one_error_not_a_thousand()
    {
        var json = TemplateSample.Minimal();
        json.Stage(0)["tasks"] = Many(2000, i => Task($"t{i % 3}"));
        Assert.Equal("At most 50 tasks in a stage, not 2000.", Assert.Single(TemplateSample.Parse(json).AssertErrors("/stages/0/tasks")));
    }

    [Fact]
    public void All_stages_together_hold_at_most_200_tasks()
    {
        TemplateSample.Parse(WithStages(4, TemplateParser.MaxTasksPerStage)).AssertValid();
        var json = WithStages(5, 41);
        Assert.Equal("At most 200 tasks in all stages together, not 205.", Assert.Single(TemplateSample.Parse(json).AssertErrors("/stages")));
    }

    [Fact]
    public void An_option_is_at_most_200_characters()
    {
        var json = TemplateSample.Minimal();
        json.Task(0, 0)["form"] = new JsonArray(new JsonObject
            { ["key"] = "c", ["label"] = "选项", ["type"] = "choice", ["options"] = new JsonArray("是", new string('长', 201)) });
        TemplateSample.Parse(json).AssertErrors("/stages/0/tasks/0/form/0/options/1");
        Assert.False(SchemaAccepts(json));
    }
}
