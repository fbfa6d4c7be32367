using System.Net;
using System.Net.Http.Json;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Meetings;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Host.Hosting;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Jobs;
using CommunityWorkflows.Workflows.Meetings;
using CommunityWorkflows.Workflows.Organisation;
using Dapper;
using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>The meeting cadences as Hangfire recurring jobs, under the system clock, with a real Hangfire server where one is needed.</summary>
[Collection(Tools.HangfireServerCollection.Name)]
public class MeetingJobTests
{
    const string AdminPassword = "admin-password-1";
    static readonly Caller Root = new(0, "root", [new RoleGrant(Role.SystemAdmin, null, null)]);

    static WebApplication Build(string connectionString, bool server) => HostApp.Build(HostApp.CreateBuilder([
        "--urls", "http://127.0.0.1:0", $"--Hangfire:Server={server}", "--Hangfire:WorkerCount=1", "--Logging:LogLevel:Default=Warning",
        $"--Bootstrap:AdminPassword={AdminPassword}", "--Auth:PasswordHashIterations=1000", "--Hosting:SecureCookies=false"]), connectionString);

    static List<RecurringJobDto> MeetingJobs(WebApplication app)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().Where(j => j.Id.StartsWith("meetings:", StringComparison.Ordinal)).OrderBy(j => j.Id).ToList();
    }

    [Fact]
    public async Task Each_enabled_cadence_is_a_recurring_job_in_china_time_that_follows_every_change()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        await using var app = Build(connectionString, server: false);
        await HostApp.PrepareAsync(app, CancellationToken.None);
        await app.StartAsync();

        var jobs = MeetingJobs(app);
        Assert.Equal(["meetings:district-semiannual", "meetings:street-quarterly"], jobs.Select(j => j.Id));
        var quarterly = jobs[1];
        Assert.Equal(("0 9 1 1,4,7,10 *", "Asia/Shanghai"), (quarterly.Cron, quarterly.TimeZoneId));
        var next = TimeZoneInfo.ConvertTime(new DateTimeOffset(quarterly.NextExecution!.Value, TimeSpan.Zero), ChinaTime.Zone);
        Assert.Equal((9, 1), (next.Hour, next.Day));
        Assert.Contains(next.Month, new[] { 1, 4, 7, 10 });

        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var issued = await client.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = AdminPassword });
        Assert.True(issued.IsSuccessStatusCode, await issued.Content.ReadAsStringAsync());
        var token = await issued.Content.ReadFromJsonAsync<Token>();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token!.AccessToken);
        var lesson = new { name = "党课（三会一课·每季度）", appliesTo = "Community", cron = "0 9 1 1,4,7,10 *", timeZone = "Asia/Shanghai", enabled = true };
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/meeting-cadences/party-lesson-quarterly", lesson)).StatusCode);
        Assert.Contains(MeetingJobs(app), j => j.Id == "meetings:party-lesson-quarterly" && j.TimeZoneId == "Asia/Shanghai");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/meeting-cadences/street-quarterly",
            new { name = "街道例会", appliesTo = "Street", cron = "30 8 1 1,4,7,10 *", timeZone = "Asia/Shanghai" })).StatusCode);
        Assert.Equal("30 8 1 1,4,7,10 *", MeetingJobs(app).Single(j => j.Id == "meetings:street-quarterly").Cron);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/meeting-cadences/party-lesson-quarterly", lesson with { enabled = false })).StatusCode);
        Assert.DoesNotContain(MeetingJobs(app), j => j.Id == "meetings:party-lesson-quarterly");

        // the dashboard lists them with their cron, time zone and next run
        var browser = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var form = await browser.GetStringAsync("/login");
        var antiforgery = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = "admin", ["Password"] = AdminPassword, ["ReturnUrl"] = "/hangfire", ["__RequestVerificationToken"] = antiforgery,
        }));
        var page = await browser.GetStringAsync("/hangfire/recurring");
        Assert.Contains("meetings:street-quarterly", page);
        Assert.Contains("meetings:district-semiannual", page);
        Assert.Contains("Asia/Shanghai", page);

        // a restart declares the same jobs again and removes any whose cadence is gone or off
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<MeetingJobs>("meetings:retired", j => j.OpenDueAsync("retired", CancellationToken.None), "0 9 1 * *", new RecurringJobOptions());
        await app.StopAsync();
        await using var restarted = Build(connectionString, server: false);
        await HostApp.PrepareAsync(restarted, CancellationToken.None);
        Assert.Equal(["meetings:district-semiannual", "meetings:street-quarterly"], MeetingJobs(restarted).Select(j => j.Id));
        Assert.Equal("30 8 1 1,4,7,10 *", MeetingJobs(restarted)[1].Cron);
    }

    sealed record Token(string AccessToken);

    [Fact]
    public async Task Two_hosts_starting_at_once_declare_each_job_once_and_trigger_each_cadence_behind_once()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        await using var first = Build(connectionString, server: false);
        await using var second = Build(connectionString, server: false);

        // a fresh database: both shipped cadences have never run, so each is behind and wants a run now
        await Task.WhenAll(
            Task.Run(() => HostApp.PrepareAsync(first, CancellationToken.None)),
            Task.Run(() => HostApp.PrepareAsync(second, CancellationToken.None)));

        Assert.Equal(["meetings:district-semiannual", "meetings:street-quarterly"], MeetingJobs(first).Select(j => j.Id));
        await using var database = new NpgsqlConnection(connectionString);
        var runs = (await database.QueryAsync<string>(
            "select arguments::text from hangfire.job where invocationdata::text like '%MeetingJobs%' order by id")).ToList();
        Assert.Equal(2, runs.Count);
        Assert.Single(runs, r => r.Contains("district-semiannual", StringComparison.Ordinal));
        Assert.Single(runs, r => r.Contains("street-quarterly", StringComparison.Ordinal));

        // a third start while those runs still wait in the queue triggers nothing more
        await using var third = Build(connectionString, server: false);
        await HostApp.PrepareAsync(third, CancellationToken.None);
        Assert.Equal(2, await database.ExecuteScalarAsync<int>("select count(*) from hangfire.job where invocationdata::text like '%MeetingJobs%'"));
    }

    [Fact]
    public async Task The_meeting_and_timer_jobs_performed_twice_as_hangfire_stores_them_change_nothing_the_second_time()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        await using var app = Build(connectionString, server: false);
        await HostApp.PrepareAsync(app, CancellationToken.None);
        var prefix = "TW" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await app.Services.GetRequiredService<OrgImport>().ImportAsync(
        [
            new(0, null, prefix, "测试市", "City", null, null, null),
            new(1, null, $"{prefix}-D", "测试区", "District", prefix, null, null),
            new(2, null, $"{prefix}-S1", "第一街道", "Street", $"{prefix}-D", null, null),
            new(3, null, $"{prefix}-S2", "第二街道", "Street", $"{prefix}-D", null, null),
        ], Root, CancellationToken.None);
        var cadence = await app.Services.GetRequiredService<MeetingCadences>().PutAsync("twice-quarterly", System.Text.Json.JsonSerializer.SerializeToElement(
            new { name = "街道例会", appliesTo = "Street", cron = "0 9 1 1,4,7,10 *", timeZone = "Asia/Shanghai", scopeCode = $"{prefix}-D" }), Root, CancellationToken.None);
        await app.Services.GetRequiredService<MeetingSchedules>().ApplyAsync(cadence, CancellationToken.None);
        // the cadence last opened the quarter before last: the run opens last quarter (overdue by now) and this one
        var schedule = CadenceSchedule.Of(cadence.Cron, cadence.TimeZone);
        var current = schedule.LatestAtOrBefore(DateTimeOffset.UtcNow)!.Value;
        var beforeLast = schedule.LatestAtOrBefore(schedule.LatestAtOrBefore(current.AddSeconds(-1))!.Value.AddSeconds(-1))!.Value;
        await using var database = new NpgsqlConnection(connectionString);
        await database.ExecuteAsync("update meeting_cadence set last_occurrence_at = @beforeLast where key = @key", new { beforeLast, key = cadence.Key });

        var first = await PerformAsync(app, cadence.JobId);
        Assert.Equal(4, first);
        await PerformAsync(app, TimerJobs.JobId);
        var state = await StateAsync(database, cadence.Key);
        // the timers depend on today's place in the quarter (no reminder is set in the past); each obligation has a deadline
        Assert.Equal(4, state.Meetings);
        Assert.InRange(state.Timers, 4 * 2, 4 * 4);
        Assert.True(state.Fired >= 2, $"last quarter's two deadlines fired ({state.Fired})");

        Assert.Equal(0, await PerformAsync(app, cadence.JobId));
        await PerformAsync(app, TimerJobs.JobId);
        Assert.Equal(state, await StateAsync(database, cadence.Key));
    }

    /// <summary>Performs a recurring job as Hangfire stores it: its type made from the host's services, its method and arguments.</summary>
    static async Task<object?> PerformAsync(WebApplication app, string recurringJobId)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = connection.GetRecurringJobs().Single(j => j.Id == recurringJobId).Job;
        await using var scope = app.Services.CreateAsyncScope();
        var target = ActivatorUtilities.CreateInstance(scope.ServiceProvider, job.Type);
        var args = job.Method.GetParameters().Select((p, i) => p.ParameterType == typeof(CancellationToken) ? CancellationToken.None : job.Args[i]).ToArray();
        var task = (Task)job.Method.Invoke(target, args)!;
        await task;
        return task.GetType().GetProperty("Result")?.GetValue(task);
    }

    sealed record JobState(int Meetings, int Timers, int Fired, int Notifications, int Journal);

    static Task<JobState> StateAsync(NpgsqlConnection database, string cadenceKey) => database.QuerySingleAsync<JobState>(
        """
        select (select count(*)::int from meeting where cadence_key = @cadenceKey) as meetings,
               (select count(*)::int from timer t join meeting m on m.id = t.target_id and t.target_kind = 'Meeting' where m.cadence_key = @cadenceKey) as timers,
               (select count(*)::int from timer t join meeting m on m.id = t.target_id and t.target_kind = 'Meeting' where m.cadence_key = @cadenceKey and t.fired_at is not null) as fired,
               (select count(*)::int from notification) as notifications,
               (select count(*)::int from journal_entry) as journal
        """, new { cadenceKey });

    [Fact]
    public async Task After_downtime_the_relaxed_misfire_runs_the_job_once_and_it_opens_every_missed_occurrence_once()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        await using var app = Build(connectionString, server: true);
        var prefix = "MF" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await app.Services.GetRequiredService<OrgImport>().ImportAsync(
        [
            new(0, null, prefix, "测试市", "City", null, null, null),
            new(1, null, $"{prefix}-D", "测试区", "District", prefix, null, null),
            new(2, null, $"{prefix}-S1", "第一街道", "Street", $"{prefix}-D", null, null),
            new(3, null, $"{prefix}-S2", "第二街道", "Street", $"{prefix}-D", null, null),
            new(4, null, $"{prefix}-S3", "第三街道", "Street", $"{prefix}-D", null, null),
        ], Root, CancellationToken.None);
        var cadence = await app.Services.GetRequiredService<MeetingCadences>().PutAsync("misfire-quarterly", System.Text.Json.JsonSerializer.SerializeToElement(
            new { name = "街道例会", appliesTo = "Street", cron = "0 9 1 1,4,7,10 *", timeZone = "Asia/Shanghai", scopeCode = $"{prefix}-D" }), Root, CancellationToken.None);

        // before the downtime the cadence had opened the quarter before last, and Hangfire awaited the next occurrence
        var schedule = CadenceSchedule.Of(cadence.Cron, cadence.TimeZone);
        var latest = schedule.LatestAtOrBefore(DateTimeOffset.UtcNow)!.Value;
        var previous = schedule.LatestAtOrBefore(latest.AddSeconds(-1))!.Value;
        var lastOpened = schedule.LatestAtOrBefore(previous.AddSeconds(-1))!.Value;
        await using (var db = new NpgsqlConnection(connectionString))
            await db.ExecuteAsync("update meeting_cadence set last_occurrence_at = @lastOpened where key = @key", new { lastOpened, key = cadence.Key });
        var storage = app.Services.GetRequiredService<JobStorage>();
        MeetingSchedules.Declare(new RecurringJobManager(storage, JobFilterProviders.Providers, new DefaultTimeZoneResolver(), () => lastOpened.UtcDateTime.AddMinutes(1)), cadence);
        using (var connection = storage.GetConnection())
            Assert.Equal(previous.UtcDateTime, connection.GetRecurringJobs().Single(j => j.Id == cadence.JobId).NextExecution);

        // the host comes back: its Hangfire server finds the missed execution and, Relaxed, runs the job once
        await app.StartAsync();
        await using var database = new NpgsqlConnection(connectionString);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        var opened = 0;
        while (DateTime.UtcNow < deadline && (opened = await database.ExecuteScalarAsync<int>("select count(*) from meeting where cadence_key = @key", new { key = cadence.Key })) < 6)
            await Task.Delay(200);
        Assert.Equal(6, opened);
        var periods = (await database.QueryAsync<string>("select distinct period_start::text from meeting where cadence_key = @key order by 1", new { key = cadence.Key })).ToList();
        Assert.Equal([previous.ToChina().ToString("yyyy-MM-dd"), latest.ToChina().ToString("yyyy-MM-dd")], periods);
        var runs = await database.ExecuteScalarAsync<int>("select count(*) from hangfire.job where arguments::text like @key", new { key = $"%{cadence.Key}%" });
        Assert.Equal(1, runs);
        using (var connection = storage.GetConnection())
            Assert.True(connection.GetRecurringJobs().Single(j => j.Id == cadence.JobId).NextExecution > DateTime.UtcNow);
        await app.StopAsync();

        // the next start finds nothing behind: nothing is triggered, nothing opens twice
        await using var restarted = Build(connectionString, server: false);
        await HostApp.PrepareAsync(restarted, CancellationToken.None);
        Assert.False(await restarted.Services.GetRequiredService<MeetingOccurrences>().IsBehindAsync(cadence.Key, DateTimeOffset.UtcNow, CancellationToken.None));
        Assert.Equal(1, await database.ExecuteScalarAsync<int>("select count(*) from hangfire.job where arguments::text like @key", new { key = $"%{cadence.Key}%" }));
        Assert.Equal(6, await database.ExecuteScalarAsync<int>("select count(*) from meeting where cadence_key = @key", new { key = cadence.Key }));
    }
}
