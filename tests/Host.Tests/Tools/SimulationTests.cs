using CommunityWorkflows.Testing.Host;
using System.Text.RegularExpressions;
using CommunityWorkflows.Host.Tools.Bench;
using CommunityWorkflows.Host.Tools.Simulation;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Journal;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Host.Tests.Tools;

/// <summary>A host over a fresh database in which the default template's year has been simulated once.</summary>
public sealed class SimulatedYear : IAsyncLifetime
{
    public HostFixture Host { get; } = new();

    public long CycleId { get; private set; }

    /// <summary>What the simulation printed while it ran.</summary>
    public string Progress { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        var progress = new StringWriter();
        CycleId = await new YearSimulation(Host.App.Services, 2026, seed: 7).RunAsync(progress, CancellationToken.None);
        Progress = progress.ToString();
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

public class SimulationTests(SimulatedYear year) : IClassFixture<SimulatedYear>
{
    [Fact]
    public async Task A_simulated_year_runs_every_stage_with_reminders_deadlines_and_escalations()
    {
        var (host, cycleId) = (year.Host, year.CycleId);
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

    [Fact]
    public async Task Each_month_line_says_what_happened_that_month_and_adds_up_to_the_year()
    {
        var months = Regex.Matches(year.Progress, @"^  (\d{4}-\d{2})(.*)$", RegexOptions.Multiline).Select(m => (Month: m.Groups[1].Value, Figures: m.Groups[2].Value.TrimEnd('\r'))).ToList();
        Assert.NotEmpty(months);
        Assert.All(months, m => Assert.Matches(@"^  [a-z ]+ \d+(, [a-z ]+ \d+)*$", m.Figures));
        Assert.Equal(months.Select(m => m.Month).Order(StringComparer.Ordinal), months.Select(m => m.Month));
        Assert.Equal(months.Count, months.Select(m => m.Month).Distinct().Count());
        Assert.StartsWith("  tasks opened ", months[0].Figures);

        await using var connection = new NpgsqlConnection(year.Host.ConnectionString);
        var cycleId = year.CycleId;
        Assert.Equal(await connection.QuerySingleAsync<int>(
            "select count(*)::int from task_submission s join task t on t.id = s.task_id where t.cycle_id = @cycleId", new { cycleId }), Sum(months, "submitted"));
        Assert.Equal(await connection.QuerySingleAsync<int>(
            "select count(*)::int from task where cycle_id = @cycleId and status = 'Accepted'", new { cycleId }), Sum(months, "accepted"));
        Assert.Equal(await connection.QuerySingleAsync<int>(
            "select count(*)::int from timer tm join task t on tm.target_kind = 'Task' and tm.target_id = t.id where t.cycle_id = @cycleId and tm.kind = 'Escalation' and tm.outcome = 'Fired'",
            new { cycleId }), Sum(months, "escalations"));
        Assert.True(Sum(months, "reminders") > 0);
    }

    static int Sum(IEnumerable<(string Month, string Figures)> months, string name) =>
        months.Sum(m => Regex.Match(m.Figures, $@"(?:^  |, ){name} (\d+)") is { Success: true } found ? int.Parse(found.Groups[1].Value) : 0);
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
