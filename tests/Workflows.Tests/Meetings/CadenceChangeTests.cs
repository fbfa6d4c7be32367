using System.Text.Json;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Meetings;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Meetings;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Meetings;

/// <summary>
/// A cadence whose schedule changes mid-period: the obligation already open stands for its period, with its
/// timers, and the new schedule opens nothing that overlaps it for the same unit.
/// </summary>
public class CadenceChangeTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Theory]
    [InlineData("0 9 1 * *")]
    [InlineData("0 9 15 1,4,7,10 *")]
    public async Task A_new_schedule_opens_no_period_overlapping_one_still_owed_under_the_old(string newCron)
    {
        var scenario = await MeetingScenario.CreateAsync(engine, streets: 2);
        var quarter = await scenario.AdvanceIntoNextPeriodAsync();
        var nextQuarter = scenario.Schedule.NextAfter(quarter)!.Value;
        var owed = await scenario.MeetingsAsync();
        Assert.Equal(2, owed.Count);

        // forty days into the quarter the administrator changes the cron
        await scenario.World.Advancer.AdvanceToAsync(quarter.AddDays(40), CancellationToken.None);
        var body = JsonSerializer.SerializeToElement(new
        {
            name = "测试例会", appliesTo = "Street", cron = newCron, timeZone = "Asia/Shanghai", scopeCode = scenario.World.District,
        });
        await engine.Get<MeetingCadences>().PutAsync(scenario.Cadence.Key, body, MeetingScenario.Root, CancellationToken.None);
        var schedule = CadenceSchedule.Of(newCron, "Asia/Shanghai");
        var until = schedule.NextAfter(schedule.NextAfter(nextQuarter.AddTicks(-1))!.Value)!.Value.AddHours(1);
        await scenario.World.Advancer.AdvanceToAsync(until, CancellationToken.None);

        var meetings = await scenario.MeetingsAsync();
        foreach (var unit in meetings.GroupBy(m => m.OrgUnitCode))
        {
            var periods = unit.OrderBy(m => m.PeriodStart).ToList();
            Assert.Equal(3, periods.Count); // the old quarter, then the new schedule's first two periods after it
            Assert.Equal(ChinaTime.DateOf(quarter), periods[0].PeriodStart);
            Assert.All(periods.Zip(periods.Skip(1)), pair => Assert.True(pair.First.PeriodEnd < pair.Second.PeriodStart,
                $"{unit.Key}: {pair.First.Period} overlaps {pair.Second.Period}"));
            Assert.True(periods[1].PeriodStart > ChinaTime.DateOf(nextQuarter.AddDays(-1)));
        }
        Assert.Equal(2, meetings.Select(m => m.OrgUnitCode).Distinct().Count());

        // the old quarter's obligations kept their timers: each was told of its deadline
        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        var fired = await connection.ExecuteScalarAsync<int>(
            "select count(*) from timer t join meeting m on m.id = t.target_id and t.target_kind = 'Meeting' where m.id = any(@ids) and t.kind = 'Overdue' and t.outcome = 'Fired'",
            new { ids = owed.Select(m => m.Id).ToArray() });
        Assert.Equal(2, fired);
    }
}
