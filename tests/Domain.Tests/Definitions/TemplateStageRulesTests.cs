using System.Text.Json.Nodes;
using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Domain.Tests.Definitions;

public class TemplateStageRulesTests
{
    [Fact]
    public void A_template_needs_stages()
    {
        var json = TemplateSample.Minimal();
        json["stages"] = new JsonArray();
        TemplateSample.Parse(json).AssertErrors("/stages");
        json.Remove("stages");
        TemplateSample.Parse(json).AssertErrors("/stages");
    }

    [Fact]
    public void Stage_keys_are_unique_and_well_formed()
    {
        var json = TemplateSample.Minimal();
        json.Stage(1)["key"] = "First";
        Assert.Contains("stage key 'First' is used more than once", TemplateSample.Parse(json).AssertErrors("/stages/1/key")[0]);
        json.Stage(1)["key"] = "2nd stage";
        TemplateSample.Parse(json).AssertErrors("/stages/1/key");
    }

    [Fact]
    public void Task_keys_are_unique_across_the_whole_template()
    {
        var json = TemplateSample.Minimal();
        json.Task(1, 0)["key"] = "report";
        json.Task(1, 1)["after"] = new JsonArray("report");
        Assert.Contains("task key 'report' is used more than once", TemplateSample.Parse(json).AssertErrors("/stages/1/tasks/0/key")[0]);
    }

    [Fact]
    public void A_stage_needs_a_task()
    {
        var json = TemplateSample.Minimal();
        json.Stage(0)["tasks"] = new JsonArray();
        TemplateSample.Parse(json).AssertErrors("/stages/0/tasks");
        json.Stage(0).Remove("tasks");
        TemplateSample.Parse(json).AssertErrors("/stages/0/tasks");
    }

    [Fact]
    public void A_stage_needs_a_gated_task_or_it_would_be_passed_at_once()
    {
        var json = TemplateSample.Minimal();
        json.Task(1, 0)["gate"] = false;
        Assert.Contains("At least one task of a stage must be a gate", TemplateSample.Parse(json).AssertErrors("/stages/1/tasks")[0]);
    }

    [Fact]
    public void An_unreadable_gate_is_one_error_not_two()
    {
        var json = TemplateSample.Minimal();
        json.Task(0, 0)["gate"] = "true";
        TemplateSample.Parse(json).AssertErrors("/stages/0/tasks/0/gate");
    }

    [Theory]
    [InlineData("13-01")]
    [InlineData("02-30")]
    [InlineData("6-1")]
    [InlineData("at launch")]
    public void An_opening_is_a_month_day_or_launch(string opensOn)
    {
        var json = TemplateSample.Minimal();
        json.Stage(1)["opensOn"] = opensOn;
        TemplateSample.Parse(json).AssertErrors("/stages/1/opensOn");
    }

    [Theory]
    [InlineData("+0 days")]
    [InlineData("+5 weeks")]
    [InlineData("+1000 days")]
    [InlineData("-3 days")]
    [InlineData("06-31")]
    [InlineData("")]
    public void A_due_rule_is_a_month_day_or_a_positive_offset(string due)
    {
        var json = TemplateSample.Minimal();
        json.Stage(1)["due"] = due;
        TemplateSample.Parse(json).AssertErrors("/stages/1/due");
    }

    [Theory]
    [InlineData("+1 workday", "+1 workdays")]
    [InlineData("+30 days", "+30 days")]
    [InlineData("02-29", "02-29")]
    [InlineData("01-15", "01-15")]
    public void Due_rules_in_every_form_are_accepted(string due, string canonical)
    {
        var json = TemplateSample.Minimal();
        json.Stage(1)["due"] = due;
        Assert.Equal(canonical, TemplateSample.Parse(json).AssertValid().Stages[1].Due.ToString());
    }

    [Fact]
    public void Only_the_first_stage_may_open_at_launch()
    {
        var json = TemplateSample.Minimal();
        json.Stage(1)["opensOn"] = "launch";
        Assert.Contains("Only the first stage", TemplateSample.Parse(json).AssertErrors("/stages/1/opensOn")[0]);
    }

    [Fact]
    public void Stages_open_in_order_and_may_share_a_day()
    {
        var json = TemplateSample.Minimal();
        json["stages"]!.AsArray().Add(JsonNode.Parse("""
            {"key":"Third","name":"第三阶段","opensOn":"05-31","due":"+5 days",
             "tasks":[{"key":"third","title":"三","assignee":"districtAdmin","gate":true}]}
            """));
        Assert.Contains("would open (05-31) before stage 'Second' above it (06-01)", TemplateSample.Parse(json).AssertErrors("/stages/2/opensOn")[0]);

        json.Stage(2)["opensOn"] = "06-01";
        TemplateSample.Parse(json).AssertValid();
        json.Stage(0)["opensOn"] = "07-01";
        TemplateSample.Parse(json).AssertErrors("/stages/1/opensOn");
    }

    [Theory]
    [InlineData("Street", "communitySecretary", false)]
    [InlineData("Street", "communityOfficer", false)]
    [InlineData("Community", "communitySecretary", true)]
    [InlineData("Community", "directResponsible", true)]
    [InlineData("Street", "Inspector", false)]
    [InlineData("Street", "leader", false)]
    public void Assignees_are_participant_roles_and_community_roles_need_community_participants(string kind, string role, bool valid)
    {
        var json = TemplateSample.Minimal();
        json["participants"]!["kind"] = kind;
        json.Task(1, 0)["assignee"] = role;
        json.Task(0, 0)["reviewer"] = role == "districtAdmin" ? "firstResponsible" : role;
        json.Task(0, 0)["assignee"] = "districtAdmin";
        var result = TemplateSample.Parse(json);
        if (valid) result.AssertValid();
        else result.AssertErrors("/stages/0/tasks/0/reviewer", "/stages/1/tasks/0/assignee");
    }

    [Fact]
    public void A_task_needs_an_assignee_and_nobody_reviews_their_own_work()
    {
        var json = TemplateSample.Minimal();
        json.Task(0, 0)["reviewer"] = "directResponsible";
        json.Task(1, 0).Remove("assignee");
        json.Task(1, 0).Remove("title");
        TemplateSample.Parse(json).AssertErrors("/stages/0/tasks/0/reviewer", "/stages/1/tasks/0/title", "/stages/1/tasks/0/assignee");
    }

    [Fact]
    public void After_names_other_tasks_of_the_same_stage_once_each()
    {
        var json = TemplateSample.Minimal();
        json.Task(1, 1)["after"] = new JsonArray("check", "follow", "report", "nowhere", "check");
        var messages = TemplateSample.Parse(json).AssertErrors(
            "/stages/1/tasks/1/after/1", "/stages/1/tasks/1/after/2", "/stages/1/tasks/1/after/3", "/stages/1/tasks/1/after/4");
        Assert.Equal("A task cannot wait for itself.", messages[0]);
        Assert.Equal("'report' belongs to stage 'First'; after names tasks of the same stage.", messages[1]);
        Assert.Equal("There is no task 'nowhere' in stage 'Second'.", messages[2]);
        Assert.Contains("listed more than once", messages[3]);
    }

    [Fact]
    public void Tasks_that_wait_for_each_other_in_a_cycle_are_refused()
    {
        var json = TemplateSample.Minimal();
        json.Stage(1)["tasks"]!.AsArray().Add(JsonNode.Parse("""{"key":"close","title":"收尾","assignee":"districtAdmin","after":["follow"]}"""));
        json.Task(1, 0)["after"] = new JsonArray("close");
        var messages = TemplateSample.Parse(json).AssertErrors("/stages/1/tasks/0/after");
        Assert.Contains("(check → close → follow → check)", messages[0]);
    }

    [Fact]
    public void A_chain_and_a_fork_of_waits_are_fine()
    {
        var json = TemplateSample.Minimal();
        json.Stage(1)["tasks"]!.AsArray().Add(JsonNode.Parse("""{"key":"close","title":"收尾","assignee":"districtAdmin","after":["follow","check"]}"""));
        var tasks = TemplateSample.Parse(json).AssertValid().Stages[1].Tasks;
        Assert.Equal(["follow", "check"], tasks[2].After);
    }
}
