using CommunityWorkflows.Host.Bench;
using CommunityWorkflows.Host.Simulation;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Journal;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Host.Tests.Tools;

public class SimulationTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_simulated_year_runs_every_stage_with_reminders_deadlines_and_escalations()
    {
        var cycleId = await new YearSimulation(host.App.Services, 2026, seed: 7).RunAsync(TextWriter.Null, CancellationToken.None);
        var report = new StringWriter();
        await SimulationReport.PrintAsync(host.App.Services, cycleId, report, CancellationToken.None);

        await using var connection = new NpgsqlConnection(host.ConnectionString);
        var accepted = (await connection.QueryAsync<(int Stage, int Accepted)>(
            "select stage, count(*)::int from task where cycle_id = @cycleId and status = 'Accepted' group by stage order by stage", new { cycleId })).ToList();
        Assert.Equal([0, 1, 2], accepted.Select(a => a.Stage));
        Assert.All(accepted, a => Assert.True(a.Accepted > 0));
        var kinds = (await connection.QueryAsync<string>("select distinct kind from notification where cycle_id = @cycleId", new { cycleId })).ToHashSet();
        Assert.Superset(new HashSet<string> { "Reminder", "Overdue", "Escalation", "Returned" }, kinds);
        Assert.True((await host.Get<EventJournal>().VerifyAsync(JournalStreams.Cycle(cycleId), CancellationToken.None)).Valid);
        Assert.Contains("年中检查 MidYearInspection", report.ToString());
        Assert.Contains("hash chain verified", report.ToString());
    }
}

/// <summary>
/// Alone, not beside other classes: Hangfire keeps process-wide state (configuration, log provider) that hosts
/// starting and stopping in parallel classes would pull from under this test's Hangfire server.
/// </summary>
[Collection(HangfireServerCollection.Name)]
public class BenchmarkTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task The_benchmark_runs_end_to_end_at_a_small_scale()
    {
        var output = new StringWriter();
        await new Benchmark(host.App.Services, output, districts: 2, streets: 6, communities: 60, hangfireJobs: 5).RunAsync(2026, CancellationToken.None);

        var text = output.ToString();
        Assert.Contains("60 participants", text);
        Assert.Contains("binary COPY (ceiling)", text);
        Assert.Matches(@"timers fired\s+240 timers", text);
        Assert.Matches(@"Hangfire: scheduled and run\s+5 reminders", text);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireServerCollection
{
    public const string Name = "Hangfire servers";
}
