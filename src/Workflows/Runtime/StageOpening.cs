using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Definitions;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>A stage's opening time has come: its first tasks open for every instance that has reached it.</summary>
static class StageOpening
{
    public static async Task<int> OpenAsync(
        NpgsqlTransaction tx, long cycleId, TemplateDefinition definition, int stage, DateTimeOffset stageOpensAt,
        DateTimeOffset now, BusinessCalendar calendar, CancellationToken ct)
    {
        await tx.Connection!.ExecuteAsync(new CommandDefinition(
            "update cycle_stage set opened = true where cycle_id = @cycleId and ordinal = @stage",
            new { cycleId, stage }, tx, cancellationToken: ct));
        return await TaskOpening.OpenAsync(tx, cycleId, definition, stage, TaskOpening.InitialTasks(definition.Stages[stage]),
            instanceId: null, stageOpensAt, now, calendar, ct);
    }
}
