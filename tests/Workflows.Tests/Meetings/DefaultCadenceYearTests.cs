using System.Text.Json;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Meetings;
using CommunityWorkflows.Workflows.Tests.Runtime;

namespace CommunityWorkflows.Workflows.Tests.Meetings;

/// <summary>The shipped cadences over a simulated year, in a database of their own from its first day.</summary>
public class DefaultCadenceYearTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task A_simulated_year_opens_four_quarterly_obligations_per_street_and_two_per_district()
    {
        var world = await World.CreateAsync(engine, streets: 3);
        var year = ChinaTime.DateOf(engine.Clock.GetUtcNow()).Year;
        var result = await world.Advancer.AdvanceToAsync(ChinaTime.At(new DateOnly(year + 1, 1, 5), 10), CancellationToken.None);

        var meetings = await engine.Get<MeetingQueries>().ListAsync(new MeetingFilter(null, year, null, null), MeetingScenario.Root, CancellationToken.None);
        for (var i = 1; i <= 3; i++)
        {
            var street = meetings.Where(m => m.OrgUnitCode == world.Street(i)).ToList();
            Assert.Equal(["street-quarterly"], street.Select(m => m.CadenceKey).Distinct());
            Assert.Equal([1, 4, 7, 10], street.Select(m => m.PeriodStart.Month));
            Assert.Equal([3, 6, 9, 12], street.Select(m => m.PeriodEnd.Month));
        }
        var district = meetings.Where(m => m.OrgUnitCode == world.District).ToList();
        Assert.Equal(["district-semiannual", "district-semiannual"], district.Select(m => m.CadenceKey));
        Assert.Equal([$"{year}年上半年", $"{year}年下半年"], district.Select(m => m.Period));
        Assert.DoesNotContain(meetings, m => m.OrgUnitCode.EndsWith("-K1", StringComparison.Ordinal));
        // and the first quarter of the next year, opened on its first day
        Assert.Equal(3 * 5 + 3, result.MeetingsOpened);
    }

    [Fact]
    public async Task The_three_meetings_and_one_lesson_ship_as_presets_switched_off_and_cadences_are_checked_field_by_field()
    {
        var cadences = engine.Get<MeetingCadences>();
        var all = await cadences.ListAsync(CancellationToken.None);
        Assert.Equal(["district-semiannual", "street-quarterly"], all.Where(c => c.Enabled).Select(c => c.Key));
        Assert.Equal(4, all.Count(c => c.Preset && !c.Enabled && c.AppliesTo == "Community"));
        var quarterly = all.Single(c => c.Key == "street-quarterly");
        Assert.Equal(("0 9 1 1,4,7,10 *", "Asia/Shanghai", "meetings:street-quarterly"), (quarterly.Cron, quarterly.TimeZone, quarterly.JobId));
        Assert.Equal(9, quarterly.NextOccurrenceAt!.Value.ToChina().Hour);

        var bad = JsonSerializer.SerializeToElement(new { name = "例会", appliesTo = "Street", cron = "0 9 1 13 *", timeZone = "China/Beijing" });
        var error = await Assert.ThrowsAsync<RuleViolationException>(() => cadences.PutAsync("street-monthly", bad, MeetingScenario.Root, CancellationToken.None));
        Assert.Equal(["/cron", "/timeZone"], error.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        var officer = new Domain.Access.Caller(1, "x", [new Domain.Access.RoleGrant(Domain.Access.Role.DistrictAdmin, "D", "/D/")]);
        await Assert.ThrowsAsync<ForbiddenException>(() => cadences.PutAsync("street-monthly", bad, officer, CancellationToken.None));
        Assert.DoesNotContain(await cadences.ListAsync(CancellationToken.None), c => c.Key == "street-monthly");
        var unused = JsonSerializer.SerializeToElement(new { name = "试行例会", appliesTo = "Street", cron = "0 9 1 * *", timeZone = "Asia/Shanghai", enabled = false });
        Assert.False((await cadences.PutAsync("street-monthly", unused, MeetingScenario.Root, CancellationToken.None)).Enabled);
        await cadences.RemoveAsync("street-monthly", MeetingScenario.Root, CancellationToken.None);
        await Assert.ThrowsAsync<NotFoundException>(() => cadences.GetAsync("street-monthly", CancellationToken.None));
    }
}
