using System.Text.Json;
using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Assessment;
using CommunityWorkflows.Workflows.Runtime;
using CommunityWorkflows.Workflows.Tests.Runtime;

namespace CommunityWorkflows.Workflows.Tests.Assessment;

public class AccountabilityTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly CancellationToken None = CancellationToken.None;

    AccountabilityReport Report => engine.Get<AccountabilityReport>();

    [Fact]
    public async Task Each_secretary_answers_for_their_units_work_findings_and_published_grades()
    {
        var world = await World.CreateAsync(engine, streets: 2);
        var cycle = await world.LaunchAsync(AssessmentTemplates.Annual);
        var admin = await world.CallerAsync("district-admin");
        var s1 = await world.CallerAsync("s1-officer");
        var tasks = engine.Get<TaskQueries>();
        var targets = (await tasks.ListAsync(new TaskFilter("Open", null, cycle.Id, world.Street(1), 10, 0), s1, None)).Single(t => t.Title == "任务targets");
        await engine.Get<TaskActions>().SubmitAsync(targets.Id, JsonDocument.Parse("""{"goals": "建强阵地"}""").RootElement, null, s1, None);
        await engine.Get<TaskActions>().ReviewAsync(targets.Id, "Accept", null, admin, None);
        await engine.Get<Findings>().RecordAsync(cycle.Id, new NewFinding(world.Street(2), "台账不全", "Minor", "members", 2), await world.CallerAsync("inspector"), None);

        var before = await Report.ReportAsync(world.Year, world.District, admin, None);
        Assert.Equal([(Responsibility.FirstResponsible, world.District), (Responsibility.DirectResponsible, world.Street(1)), (Responsibility.DirectResponsible, world.Street(2))],
            before.Select(r => (r.Responsibility, r.OrgUnitCode)));
        var first = before[0];
        Assert.Equal(world.Name("district-secretary"), first.Username);
        Assert.Equal([world.Street(1), world.Street(2)], first.Units.Select(u => u.OrgUnitCode));
        // each street's own tasks: targets, letter, selfInspection, dutyReport (the inspection is the district's), plus S2's rectification
        Assert.Equal((9, 1, 0, 1, 0), (first.TasksTotal, first.TasksDone, first.TasksOverdue, first.FindingsOpen, first.FindingsVerified));
        Assert.Equal((4, 1), (before[1].TasksTotal, before[1].TasksDone));
        Assert.Equal((5, 0, 1), (before[2].TasksTotal, before[2].TasksDone, before[2].FindingsOpen));
        Assert.All(before, r => Assert.Null(r.Grade));

        var scoring = engine.Get<Scoring>();
        foreach (var (street, work) in new[] { (1, 58m), (2, 45m) })
        {
            await scoring.SetScoresAsync(cycle.Id, world.Street(street), [new("work", work, null, null), new("members", 36, null, null)], admin, None);
            await scoring.SetRatingAsync(cycle.Id, world.Street(street), new RatingInput(8, 2, 0, 0), admin, None);
        }
        Assert.All(await Report.ReportAsync(world.Year, world.District, admin, None), r => Assert.Null(r.Grade));
        await engine.Get<ResultsPublication>().PublishAsync(cycle.Id, admin, None);

        var after = await Report.ReportAsync(world.Year, world.District, admin, None);
        // S1: 0.7 × 94 + 0.3 × 96 = 94.6 Excellent; S2: 0.7 × 81 + 0.3 × 96 = 85.5 Good
        Assert.Equal([null, Grade.Excellent, Grade.Good], after.Select(r => r.Grade));
        Assert.Equal(new GradeCounts(1, 1, 0, 0), after[0].Grades);
        Assert.Equal((1, 94.6m), (after[1].Units.Single().Rank!.Value, after[1].Units.Single().Total!.Value));

        var ownStreet = await Report.ReportAsync(world.Year, world.Street(1), s1, None);
        Assert.Equal([world.Street(1)], ownStreet[0].Units.Select(u => u.OrgUnitCode));
        Assert.Equal(2, ownStreet.Count);
        await Assert.ThrowsAsync<NotFoundException>(() => Report.ReportAsync(world.Year, world.District, s1, None));
        Assert.Empty(await Report.ReportAsync(world.Year - 1, world.District, admin, None));
        Assert.Equal(["/year", "/scopeCode"], (await Assert.ThrowsAsync<RuleViolationException>(() =>
            Report.ReportAsync(null, " ", admin, None))).Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task A_unit_without_a_secretary_still_shows_with_nobody_named()
    {
        var world = await World.CreateAsync(engine, streets: 1, secretaries: false);
        await world.LaunchAsync();
        var rows = await Report.ReportAsync(world.Year, world.District, await world.CallerAsync("district-admin"), None);
        Assert.Equal([(null, world.District), (null, world.Street(1))], rows.Select(r => (r.Username, r.OrgUnitCode)));
    }
}
