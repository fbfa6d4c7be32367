using System.Diagnostics;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Workflows.Clock;
using CommunityWorkflows.Workflows.Definitions;
using CommunityWorkflows.Workflows.Organisation;
using CommunityWorkflows.Workflows.Runtime;
using CommunityWorkflows.Workflows.Timers;
using Dapper;
using Hangfire;
using Npgsql;

namespace CommunityWorkflows.Host.Tools.Bench;

/// <summary>
/// Measures the engine at province scale on the machine it runs on: importing the organisation, launching
/// a cycle for every community, the same rows by binary COPY (the ceiling), firing the due timers, and the
/// same reminders as one Hangfire scheduled job each (the obvious alternative).
/// </summary>
sealed class Benchmark(IServiceProvider services, TextWriter output, int districts, int streets, int communities, int hangfireJobs)
{
    static readonly Caller Root = new(0, "(bench)", [new RoleGrant(Role.SystemAdmin, null, null)]);
    readonly NpgsqlDataSource db = services.GetRequiredService<NpgsqlDataSource>();

    public async Task RunAsync(int year, CancellationToken ct)
    {
        await output.WriteLineAsync($"Province: {districts} districts, {streets} streets, {communities} communities; {Environment.ProcessorCount} cores, PostgreSQL {await ScalarAsync<string>("show server_version", ct)}");

        var rows = ProvinceTree.Rows(districts, streets, communities);
        var watch = Stopwatch.StartNew();
        await services.GetRequiredService<OrgImport>().ImportAsync(rows, Root, ct);
        Report("org import", rows.Count, "units", watch.Elapsed);
        await PeopleAsync(ct);

        var template = await services.GetRequiredService<Templates>().LoadPublishedAsync("annual-responsibility", null, ct);
        var definition = template.Definition with { Participants = new("Community") };
        watch.Restart();
        var cycle = await services.GetRequiredService<CycleLauncher>().LaunchAsync(
            new LaunchRequest(template.Key, template.Version, definition, year, ProvinceTree.Root), Root, ct);
        var launch = watch.Elapsed;
        var written = await ScalarAsync<long>($"""
            select (select count(*) from instance where cycle_id = {cycle.Id}) + (select count(*) from task where cycle_id = {cycle.Id})
                 + (select count(*) from timer where cycle_id = {cycle.Id}) + (select count(*) from cycle_stage where cycle_id = {cycle.Id})
                 + (select count(*) from journal_entry where stream = 'cycle:{cycle.Id}') + 1
            """, ct);
        Report("launch", cycle.ParticipantCount, "participants", launch);
        Report("launch", written, "rows", launch);

        var clock = services.GetRequiredService<SimulatedClock>();
        var due = ChinaTime.At(new DateOnly(year, 3, 30), 9);
        clock.MoveTo(due);
        var dueTimers = await ScalarAsync<long>($"select count(*) from timer where cycle_id = {cycle.Id} and fired_at is null and due_at <= '{due:O}'", ct);
        watch.Restart();
        var dispatch = await services.GetRequiredService<TimerDispatcher>().DispatchDueAsync(due, ct);
        var timerRate = Report("timers fired", dispatch.Fired + dispatch.Skipped, "timers", watch.Elapsed);
        await output.WriteLineAsync($"    ({dueTimers} due; {dispatch.Notifications} notifications written)");
        await output.WriteLineAsync($"host memory after import, launch and dispatch: peak working set {PeakMegabytes()} MB");
        await new PageRenders(services, output).RunAsync(cycle.Id, ProvinceTree.Root, Root, ct);
        await CopyCeilingAsync(cycle.Id, ct);

        var jobRate = await HangfireAlternativeAsync(cycle.Id, ct);
        await output.WriteLineAsync($"timer table vs one Hangfire job per reminder: {timerRate / jobRate:0.0}× faster");
        await output.WriteLineAsync($"host memory at the end (the COPY rows were held in memory): peak working set {PeakMegabytes()} MB");
    }

    static long PeakMegabytes()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / (1024 * 1024);
    }

    /// <summary>A secretary and an officer for every street, written directly (no logins are needed).</summary>
    async Task PeopleAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into app_user (username, display_name, password_hash, created_at)
            select p || lower(u.code), u.name || r, 'bench: no login', now()
            from org_unit u cross join (values ('sec.', '书记'), ('off.', '干事')) as k(p, r) where u.kind = 'Street';
            update org_unit u set secretary_user_id = a.id from app_user a where u.kind = 'Street' and a.username = 'sec.' || lower(u.code);
            insert into user_role (user_id, role, org_unit_id)
            select a.id, 'StreetOfficer', u.id from org_unit u join app_user a on a.username = 'off.' || lower(u.code) where u.kind = 'Street';
            """, cancellationToken: ct, commandTimeout: 600));
    }

    /// <summary>The launch's instances, tasks and timers written again by binary COPY into twin tables: the server's ceiling.</summary>
    async Task CopyCeilingAsync(long cycleId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var instances = (await connection.QueryAsync<long>($"select org_unit_id from instance where cycle_id = {cycleId}")).ToList();
        var tasks = (await connection.QueryAsync<(long InstanceId, long OrgUnitId, int Stage, string Key, string Title, string Assignee, string? Reviewer, bool Gate, string Status)>(
            $"select instance_id, org_unit_id, stage, task_key, title, assignee, reviewer, gate, status from task where cycle_id = {cycleId}")).ToList();
        var timers = (await connection.QueryAsync<(DateTime DueAt, string Kind, string TargetKind, long TargetId, int? Stage, int? Step, string Key)>(
            $"select due_at, kind, target_kind, target_id, stage, step, idempotency_key from timer where cycle_id = {cycleId}")).ToList();
        await connection.ExecuteAsync("""
            drop table if exists copy_instance, copy_task, copy_timer;
            create table copy_instance (like instance including defaults including identity including indexes);
            create table copy_task (like task including defaults including identity including indexes);
            create table copy_timer (like timer including defaults including identity including indexes);
            """);
        var watch = Stopwatch.StartNew();
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            await using (var copy = await connection.BeginBinaryImportAsync("copy copy_instance (cycle_id, org_unit_id, stage, status) from stdin (format binary)", ct))
            {
                foreach (var orgUnitId in instances)
                    await copy.WriteRowAsync(ct, cycleId, orgUnitId, 0, "Running");
                await copy.CompleteAsync(ct);
            }
            await using (var copy = await connection.BeginBinaryImportAsync("copy copy_task (cycle_id, instance_id, org_unit_id, stage, task_key, title, assignee, reviewer, gate, status, updated_at) from stdin (format binary)", ct))
            {
                var now = DateTime.UtcNow;
                foreach (var t in tasks)
                    await copy.WriteRowAsync(ct, cycleId, t.InstanceId, t.OrgUnitId, t.Stage, t.Key, t.Title, t.Assignee, t.Reviewer, t.Gate, t.Status, now);
                await copy.CompleteAsync(ct);
            }
            await using (var copy = await connection.BeginBinaryImportAsync("copy copy_timer (due_at, kind, target_kind, target_id, cycle_id, stage, step, idempotency_key) from stdin (format binary)", ct))
            {
                foreach (var t in timers)
                    await copy.WriteRowAsync(ct, DateTime.SpecifyKind(t.DueAt, DateTimeKind.Utc), t.Kind, t.TargetKind, t.TargetId, cycleId, t.Stage, t.Step, t.Key);
                await copy.CompleteAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        Report("binary COPY (ceiling)", instances.Count + tasks.Count + timers.Count, "rows", watch.Elapsed);
        await connection.ExecuteAsync("drop table copy_instance, copy_task, copy_timer");
    }

    /// <summary>
    /// The same reminders as one Hangfire scheduled job each: scheduling them one by one, then a Hangfire
    /// server (20 workers, 1 s polling) running them to success. Returns reminders per second end to end.
    /// </summary>
    async Task<double> HangfireAlternativeAsync(long cycleId, CancellationToken ct)
    {
        services.GetRequiredService<IGlobalConfiguration>();
        var storage = services.GetRequiredService<JobStorage>();
        var client = services.GetRequiredService<IBackgroundJobClient>();
        var taskIds = (await QueryAsync<long>($"select id from task where cycle_id = {cycleId} and status = 'Open' order by id limit {hangfireJobs}", ct)).ToList();
        var watch = Stopwatch.StartNew();
        foreach (var taskId in taskIds)
            client.Schedule<BenchReminderJob>(j => j.RemindAsync(taskId), TimeSpan.FromSeconds(1));
        var scheduled = watch.Elapsed;
        using (new BackgroundJobServer(new BackgroundJobServerOptions
               {
                   WorkerCount = 20,
                   SchedulePollingInterval = TimeSpan.FromSeconds(1),
                   Activator = services.GetRequiredService<JobActivator>(),
                   ServerName = "bench",
               }, storage))
        {
            var monitoring = storage.GetMonitoringApi();
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (monitoring.SucceededListCount() < taskIds.Count)
            {
                if (DateTime.UtcNow > deadline)
                {
                    var stats = monitoring.GetStatistics();
                    var failed = monitoring.FailedJobs(0, 1).FirstOrDefault().Value;
                    throw new TimeoutException($"Hangfire ran {stats.Succeeded} of {taskIds.Count} jobs in 2 minutes (scheduled {stats.Scheduled}, enqueued {stats.Enqueued}, processing {stats.Processing}, failed {stats.Failed}: {failed?.ExceptionMessage}; storage {storage}).");
                }
                await Task.Delay(200, ct);
            }
        }
        Report("Hangfire: schedule one job per reminder", taskIds.Count, "jobs", scheduled);
        return Report("Hangfire: scheduled and run", taskIds.Count, "reminders", watch.Elapsed);
    }

    double Report(string what, long count, string unit, TimeSpan elapsed)
    {
        var rate = count / elapsed.TotalSeconds;
        output.WriteLine($"{what,-42} {count,9:N0} {unit,-12} in {elapsed.TotalSeconds,7:0.00} s = {rate,10:N0} {unit}/s");
        return rate;
    }

    async Task<T> ScalarAsync<T>(string sql, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, cancellationToken: ct, commandTimeout: 600)) ?? throw new InvalidOperationException(sql);
    }

    async Task<IEnumerable<T>> QueryAsync<T>(string sql, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QueryAsync<T>(new CommandDefinition(sql, cancellationToken: ct));
    }
}
