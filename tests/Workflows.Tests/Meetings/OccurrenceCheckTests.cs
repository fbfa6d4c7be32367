using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Meetings;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Meetings;

/// <summary>Whether any cadence is due is one query on the stored next occurrence: when none is, no cadence row is read for update.</summary>
public class OccurrenceCheckTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task A_run_with_nothing_due_locks_no_cadence_and_a_run_with_something_due_opens_it()
    {
        var scenario = await MeetingScenario.CreateAsync(engine, streets: 2);
        var opened = await scenario.AdvanceIntoNextPeriodAsync();
        var next = scenario.Schedule.NextAfter(opened)!.Value;
        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        Assert.Equal(next, await connection.ExecuteScalarAsync<DateTimeOffset?>(
            "select next_occurrence_at from meeting_cadence where key = @key", new { key = scenario.Cadence.Key }));

        // an administrator's change holds the cadence row; a check with nothing due neither waits for it nor opens anything
        var occurrences = engine.Get<MeetingOccurrences>();
        await connection.OpenAsync();
        await using (var change = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("select 1 from meeting_cadence where enabled for update", transaction: change);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            Assert.Equal(0, await occurrences.RunDueAsync(next.AddMinutes(-1), patience.Token));
            Assert.Null(await occurrences.NextDueAsync(next.AddMinutes(-1), patience.Token));
            Assert.Equal(next, await occurrences.NextDueAsync(next.AddDays(1), patience.Token));
        }

        Assert.Equal(2, await occurrences.RunDueAsync(next, CancellationToken.None));
        Assert.Equal(scenario.Schedule.NextAfter(next), await connection.ExecuteScalarAsync<DateTimeOffset?>(
            "select next_occurrence_at from meeting_cadence where key = @key", new { key = scenario.Cadence.Key }));
        Assert.Equal(4, (await scenario.MeetingsAsync()).Count);
    }
}
