using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Jobs;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Meetings;

/// <summary>Tests that change the process's time zone run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessTimeZoneCollection
{
    public const string Name = "Process time zone";
}

/// <summary>
/// Meeting periods and due instants are reckoned in China time whatever the server's zone: a host in the
/// Pacific, whose 09:00 China occurrence falls on the evening before, opens the same obligations.
/// </summary>
[Collection(ProcessTimeZoneCollection.Name)]
public class MeetingTimeZoneTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly TimeSpan China = TimeSpan.FromHours(8);

    sealed class PacificClock(TimeProvider inner) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override TimeZoneInfo LocalTimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
    }

    [Fact]
    public async Task A_host_in_los_angeles_opens_the_quarter_due_at_the_same_china_instants()
    {
        var scenario = await MeetingScenario.CreateAsync(engine, streets: 1);
        var occurrence = scenario.Schedule.NextAfter(engine.Clock.GetUtcNow())!.Value;
        engine.Clock.MoveTo(occurrence.AddHours(1));

        var zone = Environment.GetEnvironmentVariable("TZ");
        Environment.SetEnvironmentVariable("TZ", "America/Los_Angeles");
        TimeZoneInfo.ClearCachedData();
        try
        {
            Assert.Equal("America/Los_Angeles", TimeZoneInfo.Local.Id);
            var services = new ServiceCollection();
            services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            services.AddSingleton<TimeProvider>(new PacificClock(engine.Clock));
            services.AddCommunityWorkflows(o => o.ConnectionString = engine.ConnectionString);
            await using var pacific = services.BuildServiceProvider();
            Assert.Equal(1, await ActivatorUtilities.CreateInstance<MeetingJobs>(pacific).OpenDueAsync(scenario.Cadence.Key, CancellationToken.None));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", zone);
            TimeZoneInfo.ClearCachedData();
        }

        // the quarter starts on the 1st in China (the 31st or 30th in Los Angeles) and is due at its last second in China
        var meeting = Assert.Single(await scenario.MeetingsAsync());
        var start = occurrence.ToOffset(China);
        Assert.Equal((1, 9), (start.Day, start.Hour));
        Assert.Equal(DateOnly.FromDateTime(start.DateTime), meeting.PeriodStart);
        var end = meeting.PeriodEnd;
        Assert.Equal(meeting.PeriodStart.AddMonths(3).AddDays(-1), end);
        Assert.Equal(new DateTimeOffset(end.Year, end.Month, end.Day, 23, 59, 59, China), meeting.DueAt);

        // reminders at 09:00 China time 14 and 3 days before, the deadline the second after, the escalation at 09:00 China time
        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        var timers = (await connection.QueryAsync<(string Kind, DateTime DueAt)>(
            "select kind, due_at from timer where target_kind = 'Meeting' and target_id = @id order by due_at", new { id = meeting.Id }))
            .Select(t => (t.Kind, At: new DateTimeOffset(t.DueAt, TimeSpan.Zero).ToOffset(China))).ToList();
        Assert.Equal(["Reminder", "Reminder", "Overdue", "Escalation"], timers.Select(t => t.Kind));
        Assert.Equal(new DateTimeOffset(end.AddDays(-14).ToDateTime(new TimeOnly(9, 0)), China), timers[0].At);
        Assert.Equal(new DateTimeOffset(end.AddDays(-3).ToDateTime(new TimeOnly(9, 0)), China), timers[1].At);
        Assert.Equal(new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), China), timers[2].At);
        Assert.Equal(TimeSpan.FromHours(9), timers[3].At.TimeOfDay);
    }
}
