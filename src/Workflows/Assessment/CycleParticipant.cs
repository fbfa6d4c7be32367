using CommunityWorkflows.Domain.Access;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Assessment;

/// <summary>A participant of a cycle: its instance and its org unit.</summary>
sealed record CycleParticipant(long InstanceId, long OrgUnitId, string Code, string Name, string Path)
{
    /// <summary>The participant with this code, if the cycle has it and the caller sees it; null otherwise.</summary>
    public static async Task<CycleParticipant?> FindAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, long cycleId, string code, Caller caller, CancellationToken ct)
    {
        var participant = await connection.QuerySingleOrDefaultAsync<CycleParticipant>(new CommandDefinition(
            """
            select i.id as instance_id, u.id as org_unit_id, u.code, u.name, u.path
            from instance i join org_unit u on u.id = i.org_unit_id
            where i.cycle_id = @cycleId and u.code = @code
            """, new { cycleId, code }, tx, cancellationToken: ct));
        return participant is not null && caller.CanSee(participant.Path) ? participant : null;
    }
}
