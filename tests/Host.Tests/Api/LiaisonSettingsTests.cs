using CommunityWorkflows.Testing.Host;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Host.Hosting;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows;
using Microsoft.Extensions.Options;

namespace CommunityWorkflows.Host.Tests.Api;

public sealed class LocalLiaisonRulesHost : HostFixture
{
    protected override IEnumerable<string> Settings =>
    [
        "--Liaison:VisitDueAfterDays=30", "--Liaison:ExpectedVisitsPerYear=6", "--Liaison:ProblemReminderDays:0=3", "--Liaison:ProblemReminderDays:1=1",
        "--Liaison:ProblemEscalationWorkdays:0=2", "--Liaison:ProblemEscalationWorkdays:1=5",
        "--Liaison:Weights:Targets=60", "--Liaison:Weights:Problems=40", "--Liaison:Weights:Visits=0", "--Liaison:LateResolutionCredit=0",
    ];
}

public class LiaisonSettingsTests(LocalLiaisonRulesHost host) : IClassFixture<LocalLiaisonRulesHost>
{
    [Fact]
    public async Task Every_liaison_rule_is_read_from_configuration()
    {
        var policy = host.Get<CommunityWorkflowsOptions>().Liaison;
        Assert.Equal((30, 6, 0m), (policy.VisitDueAfterDays, policy.ExpectedVisitsPerYear, policy.LateResolutionCredit));
        Assert.Equal([3, 1], policy.ProblemReminderDays);
        Assert.Equal([2, 5], policy.ProblemEscalationWorkdays);
        Assert.Equal(new LiaisonAssessmentWeights(60, 40, 0), policy.Weights);
        var admin = await host.ClientAsync();
        var report = await admin.GetFromJsonAsync<JsonElement>("/api/liaison-points/compliance?year=2026");
        Assert.Equal(30, report.GetProperty("visitDueAfterDays").GetInt32());
    }

    [Fact]
    public void A_rule_out_of_range_stops_the_host_at_start_up()
    {
        var builder = HostApp.CreateBuilder(["--Liaison:VisitDueAfterDays=0", "--Liaison:Weights:Targets=-1"]);
        var e = Assert.Throws<OptionsValidationException>(() => HostApp.Build(builder, "Host=127.0.0.1;Database=unused"));
        Assert.Contains(e.Failures, f => f.Contains("VisitDueAfterDays"));
        Assert.Contains(e.Failures, f => f.Contains("weights"));
    }

    [Fact]
    public void A_reminder_so_far_ahead_that_no_date_holds_it_stops_the_host_at_start_up_not_every_visit()
    {
        var builder = HostApp.CreateBuilder(["--Liaison:ProblemReminderDays:0=100000000", "--Liaison:ProblemEscalationWorkdays:0=99999999"]);
        var e = Assert.Throws<OptionsValidationException>(() => HostApp.Build(builder, "Host=127.0.0.1;Database=unused"));
        Assert.Contains(e.Failures, f => f.Contains("ProblemReminderDays"));
        Assert.Contains(e.Failures, f => f.Contains("ProblemEscalationWorkdays"));
    }
}
