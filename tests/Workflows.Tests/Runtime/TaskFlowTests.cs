using System.Text.Json;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Runtime;

namespace CommunityWorkflows.Workflows.Tests.Runtime;

public class TaskFlowTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static JsonElement Data(string json) => JsonDocument.Parse(json).RootElement;

    TaskActions Actions => engine.Get<TaskActions>();

    async Task<TaskView> TaskAsync(World world, long cycleId, string unit, string title)
    {
        var admin = await world.CallerAsync("district-admin");
        var all = await engine.Get<TaskQueries>().ListAsync(new TaskFilter(null, null, cycleId, unit, 100, 0), admin, CancellationToken.None);
        return all.Single(t => t.Title == title);
    }

    [Fact]
    public async Task A_submission_is_checked_against_the_form_and_the_assignee()
    {
        var world = await World.CreateAsync(engine);
        var cycle = await world.LaunchAsync();
        var targets = await TaskAsync(world, cycle.Id, world.Street(1), "任务targets");
        var officer = await world.CallerAsync("s1-officer");

        var invalid = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Actions.SubmitAsync(targets.Id, Data("""{"count": 0.5, "colour": "red"}"""), null, officer, CancellationToken.None));
        Assert.Equal(["/data/colour", "/data/goals", "/data/count"], invalid.Errors.Select(e => e.Field));
        var otherStreet = await world.CallerAsync("s2-officer");
        var districtAdmin = await world.CallerAsync("district-admin");
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Actions.SubmitAsync(targets.Id, Data("""{"goals": "x"}"""), null, otherStreet, CancellationToken.None));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Actions.SubmitAsync(targets.Id, Data("""{"goals": "x"}"""), null, districtAdmin, CancellationToken.None));

        var submitted = await Actions.SubmitAsync(targets.Id, Data("""{"goals": "建强阵地", "count": 12}"""), "请审核", officer, CancellationToken.None);
        Assert.Equal("Submitted", submitted.Status);
        Assert.False(submitted.CanSubmit);
        await Assert.ThrowsAsync<ConflictException>(() =>
            Actions.SubmitAsync(targets.Id, Data("""{"goals": "again"}"""), null, officer, CancellationToken.None));
    }

    [Fact]
    public async Task The_street_secretary_answers_as_direct_responsible_and_another_street_sees_nothing()
    {
        var world = await World.CreateAsync(engine);
        var cycle = await world.LaunchAsync();
        var targets = await TaskAsync(world, cycle.Id, world.Street(1), "任务targets");

        var bySecretary = await Actions.SubmitAsync(targets.Id, Data("""{"goals": "g"}"""), null, await world.CallerAsync("s1-secretary"), CancellationToken.None);
        Assert.Equal("Submitted", bySecretary.Status);
        var otherSecretary = await world.CallerAsync("s2-secretary");
        await Assert.ThrowsAsync<NotFoundException>(() => engine.Get<TaskQueries>().GetAsync(targets.Id, otherSecretary, CancellationToken.None));
    }

    [Fact]
    public async Task Returned_then_accepted_work_moves_the_instance_to_the_next_stage_when_it_opens()
    {
        var world = await World.CreateAsync(engine);
        var cycle = await world.LaunchAsync();
        var officer = await world.CallerAsync("s1-officer");
        var admin = await world.CallerAsync("district-admin");
        var targets = await TaskAsync(world, cycle.Id, world.Street(1), "任务targets");

        await Actions.SubmitAsync(targets.Id, Data("""{"goals": "g"}"""), null, officer, CancellationToken.None);
        var noComment = await Assert.ThrowsAsync<RuleViolationException>(() => Actions.ReviewAsync(targets.Id, "Return", " ", admin, CancellationToken.None));
        Assert.Equal("/comment", noComment.Errors.Single().Field);
        await Assert.ThrowsAsync<ForbiddenException>(() => Actions.ReviewAsync(targets.Id, "Accept", null, officer, CancellationToken.None));
        var returned = await Actions.ReviewAsync(targets.Id, "Return", "目标不够具体", admin, CancellationToken.None);
        Assert.Equal("Returned", returned.Status);
        Assert.True((await engine.Get<TaskQueries>().GetAsync(targets.Id, officer, CancellationToken.None)).CanSubmit);
        await Actions.SubmitAsync(targets.Id, Data("""{"goals": "具体目标"}"""), "已修改", officer, CancellationToken.None);
        var accepted = await Actions.ReviewAsync(targets.Id, "Accept", null, admin, CancellationToken.None);

        Assert.Equal("Accepted", accepted.Status);
        Assert.Equal(2, accepted.Submissions.Count);
        Assert.Equal(["Return", "Accept"], accepted.Reviews.Select(r => r.Decision));
        var participants = await engine.Get<CycleQueries>().ParticipantsAsync(cycle.Id, admin, CancellationToken.None);
        Assert.Equal("MidYearInspection", participants.Single(p => p.OrgUnitCode == world.Street(1)).Stage);
        Assert.Equal("TargetSetting", participants.Single(p => p.OrgUnitCode == world.Street(2)).Stage);
        var pending = await engine.Get<TaskQueries>().ListAsync(new TaskFilter("Pending", null, cycle.Id, world.Street(1), 100, 0), admin, CancellationToken.None);
        Assert.Contains(pending, t => t.Title == "任务selfInspection");
    }

    [Fact]
    public async Task A_whole_year_of_accepted_work_completes_the_instances_and_the_cycle()
    {
        var world = await World.CreateAsync(engine, streets: 1);
        var cycle = await world.LaunchAsync();
        var officer = await world.CallerAsync("s1-officer");
        var admin = await world.CallerAsync("district-admin");
        var inspector = await world.CallerAsync("inspector");
        var districtSecretary = await world.CallerAsync("district-secretary");
        var street = world.Street(1);

        await Actions.SubmitAsync((await TaskAsync(world, cycle.Id, street, "任务targets")).Id, Data("""{"goals": "g"}"""), null, officer, CancellationToken.None);
        await Actions.ReviewAsync((await TaskAsync(world, cycle.Id, street, "任务targets")).Id, "Accept", null, admin, CancellationToken.None);
        var letter = await Actions.SubmitAsync((await TaskAsync(world, cycle.Id, street, "任务letter")).Id, null, null, officer, CancellationToken.None);
        Assert.Equal("Accepted", letter.Status);

        await world.AdvanceToAsync(6, 2);
        var self = await TaskAsync(world, cycle.Id, street, "任务selfInspection");
        Assert.Equal("Open", self.Status);
        await Actions.SubmitAsync(self.Id, null, null, officer, CancellationToken.None);
        var waiting = (await engine.Get<TaskQueries>().ListAsync(new TaskFilter("Pending", null, cycle.Id, street, 100, 0), admin, CancellationToken.None)).Single(t => t.Title == "任务inspection");
        await Assert.ThrowsAsync<ConflictException>(() => Actions.SubmitAsync(waiting.Id, null, null, inspector, CancellationToken.None));
        await Actions.ReviewAsync(self.Id, "Accept", null, admin, CancellationToken.None);
        var inspection = await TaskAsync(world, cycle.Id, street, "任务inspection");
        Assert.Equal("Open", inspection.Status);
        await Actions.SubmitAsync(inspection.Id, null, null, inspector, CancellationToken.None);

        await world.AdvanceToAsync(11, 16);
        var duty = await TaskAsync(world, cycle.Id, street, "任务dutyReport");
        await Actions.SubmitAsync(duty.Id, null, null, officer, CancellationToken.None);
        await Actions.ReviewAsync(duty.Id, "Accept", "述职扎实", districtSecretary, CancellationToken.None);

        var done = await engine.Get<CycleQueries>().GetAsync(cycle.Id, admin, CancellationToken.None);
        Assert.Equal("Completed", done.Status);
        var journal = await engine.Get<EventJournal>().ReadAsync(JournalStreams.Cycle(cycle.Id), CancellationToken.None);
        Assert.Equal("CycleCompleted", journal[^1].Action);
        Assert.Contains(journal, e => e.Action == "InstanceCompleted");
        Assert.True((await engine.Get<EventJournal>().VerifyAsync(JournalStreams.Cycle(cycle.Id), CancellationToken.None)).Valid);
        await Assert.ThrowsAsync<ConflictException>(() => engine.Get<CycleCancellation>().CancelAsync(cycle.Id, null, admin, CancellationToken.None));
    }
}
