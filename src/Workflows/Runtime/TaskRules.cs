using CommunityWorkflows.Domain.Runtime;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>Loads the rules that govern a task (<see cref="EffectiveTaskRules"/>): its own copy when it has one, its cycle's template otherwise.</summary>
public static class TaskRules
{
    public static async Task<EffectiveTaskRules> LoadAsync(
        NpgsqlConnection connection, CycleDefinitions definitions, long cycleId, int stage, string taskKey, string? ownDefinition, CancellationToken ct) =>
        ownDefinition is not null
            ? TaskDefinitions.Deserialize(ownDefinition).Rules()
            : EffectiveTaskRules.Of(await definitions.GetAsync(connection, cycleId, ct), stage, taskKey);
}
