using System.Text.Json.Nodes;
using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Domain.Tests.Definitions;

public class TemplateFormRulesTests
{
    static TemplateParseResult WithForm(string form)
    {
        var json = TemplateSample.Minimal();
        json.Task(0, 0)["form"] = JsonNode.Parse(form);
        return TemplateSample.Parse(json);
    }

    [Fact]
    public void Every_field_type_reads_with_its_own_settings()
    {
        var form = WithForm("""
            [{"key":"goals","label":"目标","type":"text","required":true,"maxLength":500},
             {"key":"percent","label":"进度","type":"number","min":0,"max":100},
             {"key":"count","label":"数量","type":"integer","min":1},
             {"key":"on","label":"日期","type":"date"},
             {"key":"done","label":"完成","type":"boolean"},
             {"key":"level","label":"等次","type":"choice","options":["好","较好","一般","差"]}]
            """).AssertValid().Stages[0].Tasks[0].Form;

        Assert.Equal(new FormField("goals", "目标", "text", true, MaxLength: 500), form[0]);
        Assert.Equal((0m, 100m), (form[1].Min, form[1].Max));
        Assert.False(form[3].Required);
        Assert.Equal(["好", "较好", "一般", "差"], form[5].Options);
    }

    [Fact]
    public void Form_keys_are_unique_within_a_task_but_not_across_tasks()
    {
        WithForm("""[{"key":"a","label":"甲","type":"text"},{"key":"a","label":"乙","type":"date"}]""").AssertErrors("/stages/0/tasks/0/form/1/key");

        var json = TemplateSample.Minimal();
        json.Task(0, 0)["form"] = JsonNode.Parse("""[{"key":"note","label":"说明","type":"text"}]""");
        json.Task(1, 0)["form"] = JsonNode.Parse("""[{"key":"note","label":"说明","type":"text"}]""");
        TemplateSample.Parse(json).AssertValid();
    }

    [Fact]
    public void A_field_needs_a_key_a_label_and_a_known_type() =>
        WithForm("""[{"type":"string"}]""").AssertErrors(
            "/stages/0/tasks/0/form/0/key", "/stages/0/tasks/0/form/0/label", "/stages/0/tasks/0/form/0/type");

    [Fact]
    public void A_choice_needs_distinct_non_empty_options_and_only_a_choice_has_options()
    {
        WithForm("""[{"key":"c","label":"选","type":"choice"}]""").AssertErrors("/stages/0/tasks/0/form/0/options");
        WithForm("""[{"key":"c","label":"选","type":"choice","options":[]}]""").AssertErrors("/stages/0/tasks/0/form/0/options");
        WithForm("""[{"key":"c","label":"选","type":"choice","options":["是"," ","是",3]}]""").AssertErrors(
            "/stages/0/tasks/0/form/0/options/3", "/stages/0/tasks/0/form/0/options/1", "/stages/0/tasks/0/form/0/options/2");
        WithForm("""[{"key":"t","label":"文","type":"text","options":["是"]}]""").AssertErrors("/stages/0/tasks/0/form/0/options");
    }

    [Fact]
    public void Max_length_belongs_to_text_fields()
    {
        WithForm("""[{"key":"n","label":"数","type":"number","maxLength":5}]""").AssertErrors("/stages/0/tasks/0/form/0/maxLength");
        WithForm("""[{"key":"t","label":"文","type":"text","maxLength":0}]""").AssertErrors("/stages/0/tasks/0/form/0/maxLength");
    }

    [Fact]
    public void Bounds_belong_to_numbers_are_whole_for_integers_and_ordered()
    {
        WithForm("""[{"key":"d","label":"日","type":"date","min":1}]""").AssertErrors("/stages/0/tasks/0/form/0/min");
        WithForm("""[{"key":"i","label":"整","type":"integer","min":0.5,"max":2}]""").AssertErrors("/stages/0/tasks/0/form/0/min");
        WithForm("""[{"key":"n","label":"数","type":"number","min":10,"max":1}]""").AssertErrors("/stages/0/tasks/0/form/0/max");
        WithForm("""[{"key":"n","label":"数","type":"number","min":"0"}]""").AssertErrors("/stages/0/tasks/0/form/0/min");
    }
}
