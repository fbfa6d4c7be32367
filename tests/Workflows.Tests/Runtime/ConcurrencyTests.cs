using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Runtime;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Runtime;

/// <summary>
/// People acting at the same moment. Without the locks these tests guard, most rounds leave instances or the
/// cycle stuck; with them, none can.
/// </summary>
public class ConcurrencyTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static TaskDefinition Gated(string key) => new(key, $"任务{key}", null, "districtAdmin", null, true, false, [], []);

    static TemplateDefinition OneStage(params TaskDefinition[] tasks) => TestTemplates.Annual with
    {
        Stages = [new StageDefinition("Only", "唯一阶段", new OpeningRule.OnDate(1, 1), DueRule.Parse("03-31")!, null, null, tasks)],
    };

    async Task<(long CycleId, IReadOnlyList<TaskView> Tasks, Domain.Access.Caller Admin)> LaunchAsync(TemplateDefinition definition, int streets)
    {
        var world = await World.CreateAsync(engine, streets: streets);
        var cycle = await world.LaunchAsync(definition);
        var admin = await world.CallerAsync("district-admin");
        var tasks = await engine.Get<TaskQueries>().ListAsync(new TaskFilter("Open", null, cycle.Id, null, 1000, 0), admin, CancellationToken.None);
        return (cycle.Id, tasks, admin);
    }

    [Fact]
    public async Task Two_gated_tasks_of_one_instance_accepted_at_once_still_move_it_on()
    {
        var (cycleId, tasks, admin) = await LaunchAsync(OneStage(Gated("a"), Gated("b"), Gated("c")), streets: 20);
        var actions = engine.Get<TaskActions>();
        await Task.WhenAll(tasks.Select(t => Task.Run(() => actions.SubmitAsync(t.Id, null, null, admin, CancellationToken.None))));

        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("select count(*) from instance where cycle_id = @cycleId and status = 'Running'", new { cycleId }));
        Assert.Equal("Completed", await connection.ExecuteScalarAsync<string>("select status from cycle where id = @cycleId", new { cycleId }));
    }

    [Fact]
    public async Task The_last_instances_completing_together_complete_the_cycle()
    {
        var (cycleId, tasks, admin) = await LaunchAsync(OneStage(Gated("only")), streets: 30);
        var actions = engine.Get<TaskActions>();
        await Task.WhenAll(tasks.Select(t => Task.Run(() => actions.SubmitAsync(t.Id, null, null, admin, CancellationToken.None))));

        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        Assert.Equal("Completed", await connection.ExecuteScalarAsync<string>("select status from cycle where id = @cycleId", new { cycleId }));
    }
}
