using CommunityWorkflows.Testing.Host;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Host.Tools.Demo;
using CommunityWorkflows.Host.Hosting;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Runtime;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Host.Tests.Tools;

/// <summary>
/// The demo city's year seeded as seed-demo does, but cut short in May; completed by a second run up to 6 December in
/// another process's way (a fresh host over the same database, its clock simulated from 1 January again, as the verb
/// starts it), then run a third time the same way: a host whose every persona has something to do.
/// </summary>
public sealed class SeededDemoYear : IAsyncLifetime
{
    public static readonly DateTimeOffset CutAt = ChinaTime.At(new DateOnly(2026, 5, 10), 12);
    public static readonly DateTimeOffset Until = ChinaTime.At(new DateOnly(2026, 12, 6), 15);

    public HostFixture Host { get; } = new();

    public DemoYearSummary Cut { get; private set; } = null!;

    public DemoYearSummary Completed { get; private set; } = null!;

    public DemoYearSummary Repeated { get; private set; } = null!;

    public IReadOnlyList<long> CountsAfterCompletion { get; private set; } = [];

    public IReadOnlyList<long> CountsAfterRepeat { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        await DemoSeeder.SeedAsync(Host.App.Services, TextWriter.Null, CancellationToken.None);
        Cut = await DemoYear.RunAsync(Host.App.Services, CutAt, CancellationToken.None);
        Completed = await InAnotherProcessAsync();
        CountsAfterCompletion = await CountsAsync();
        Repeated = await InAnotherProcessAsync();
        CountsAfterRepeat = await CountsAsync();
    }

    /// <summary>The year up to <see cref="Until"/> in a host of its own over the same database, as seed-demo runs it.</summary>
    async Task<DemoYearSummary> InAnotherProcessAsync()
    {
        var builder = HostApp.CreateBuilder([
            "--Hangfire:Server=false", "--Logging:LogLevel:Default=Warning", "--Clock:Mode=Simulated",
            $"--Clock:Start={ChinaTime.At(new DateOnly(2026, 1, 1)):O}"]);
        await using var app = HostApp.Build(builder, Host.ConnectionString);
        return await DemoYear.RunAsync(app.Services, Until, CancellationToken.None);
    }

    /// <summary>How many rows of each kind the engine wrote: a repeated run must leave every one as it was.</summary>
    async Task<IReadOnlyList<long>> CountsAsync()
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        string[] tables = ["cycle", "task", "task_submission", "task_review", "evidence", "timer", "notification", "finding", "indicator_score",
            "democratic_rating", "meeting", "liaison_visit", "liaison_problem", "journal_entry"];
        var counts = new List<long>();
        foreach (var table in tables)
            counts.Add(await connection.ExecuteScalarAsync<long>($"select count(*) from {table}"));
        counts.Add(await connection.ExecuteScalarAsync<long>("select count(*) from meeting where status = 'Held'"));
        counts.Add(await connection.ExecuteScalarAsync<long>("select count(*) from liaison_problem where status = 'Resolved'"));
        return counts;
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

public class DemoSeedYearTests(SeededDemoYear demo) : IClassFixture<SeededDemoYear>
{
    [Fact]
    public void The_running_cycle_has_tasks_in_every_state_some_overdue_and_escalated()
    {
        var year = demo.Completed;
        Assert.Equal(2026, year.Year);
        Assert.All(new[] { "Open", "Submitted", "Returned", "Accepted" }, status => Assert.True(year.Tasks.GetValueOrDefault(status) > 0, status));
        Assert.True(year.OverdueTasks > 0);
        Assert.True(year.EscalatedTasks > 0);
    }

    [Fact]
    public async Task A_returned_task_carries_the_reviewers_comment()
    {
        var admin = await demo.Host.Get<Users>().ActAsAsync("demo.admin", CancellationToken.None);
        var queries = demo.Host.Get<TaskQueries>();
        var returned = await queries.ListAsync(new TaskFilter("Returned", null, demo.Completed.CycleId, "JC-DH-TY", 100, 0), admin, CancellationToken.None);
        var detail = await queries.GetAsync(Assert.Single(returned).Id, admin, CancellationToken.None);
        Assert.Equal("书记抓基层党建述职报告", detail.Title);
        Assert.Contains("量化数据", detail.Reviews[^1].Comment);
    }

    [Fact]
    public void Findings_meetings_scores_and_liaison_problems_are_there_in_each_condition()
    {
        var year = demo.Completed;
        Assert.True(year.FindingsOpen > 0 && year.FindingsVerified > 0, $"findings open {year.FindingsOpen}, verified {year.FindingsVerified}");
        Assert.Equal(2, year.ScoredParticipants);
        Assert.True(year.MeetingsHeld > 0 && year.MeetingsLate > 0 && year.MeetingsMissed > 0, $"{year.MeetingsHeld}/{year.MeetingsLate}/{year.MeetingsMissed}");
        Assert.True(year.ProblemsOpen > 0 && year.ProblemsOverdue > 0 && year.ProblemsResolved > 0, $"{year.ProblemsOpen}/{year.ProblemsOverdue}/{year.ProblemsResolved}");
    }

    [Fact]
    public void Every_persona_who_answers_for_a_unit_has_unread_notices()
    {
        var inboxes = demo.Completed.Inboxes;
        Assert.Equal(DemoYearNotices.Personas.Count, inboxes.Count);
        Assert.All(inboxes.Where(i => i.Persona.Username != "demo.admin"), i => Assert.True(i.Unread > 0, $"{i.Persona.Username} has no unread notice"));
    }

    [Fact]
    public void A_run_cut_short_is_completed_and_a_second_run_adds_nothing()
    {
        Assert.True(demo.Cut.Tasks.GetValueOrDefault("Accepted") > 0);
        Assert.Equal(0, demo.Cut.FindingsOpen + demo.Cut.FindingsVerified);
        Assert.Equal(demo.Cut.CycleId, demo.Completed.CycleId);
        Assert.Equal(demo.CountsAfterCompletion, demo.CountsAfterRepeat);
        Assert.Equal(demo.Completed.Tasks, demo.Repeated.Tasks);
        Assert.Equal(demo.Completed.Inboxes, demo.Repeated.Inboxes);
        var same = new Dictionary<string, int>();
        Assert.Equal(demo.Completed with { Tasks = same, Inboxes = [] }, demo.Repeated with { Tasks = same, Inboxes = [] });
    }

    [Fact]
    public async Task The_summary_names_what_was_made_and_whom_to_sign_in_as()
    {
        var output = new StringWriter();
        await demo.Completed.PrintAsync(output);
        var text = output.ToString();
        Assert.Contains("returned", text);
        Assert.Contains("held late", text);
        Assert.Contains("ty.secretary", text);
        Assert.Contains("city.leader1", text);
    }
}
