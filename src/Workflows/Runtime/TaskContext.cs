using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Domain.Text;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>A task, locked for a transition, with its instance, cycle and the people around its participant.</summary>
sealed record TaskContext(
    long Id, long CycleId, long InstanceId, long OrgUnitId, int Stage, string TaskKey, string Title, string Assignee, string? Reviewer, bool Gate,
    string Origin, string? OwnDefinition, TaskState Status, int Attempts, DateTimeOffset? OpenedAt, DateTimeOffset? DueAt, int InstanceStage, string InstanceStatus, string CycleStatus,
    string UnitName, ParticipantUnits Units)
{
    sealed record Row(
        long Id, long CycleId, long InstanceId, long OrgUnitId, int Stage, string TaskKey, string Title, string Assignee, string? Reviewer, bool Gate,
        string Origin, string? Definition, string Status, int Attempts, DateTimeOffset? OpenedAt, DateTimeOffset? DueAt, int InstanceStage, string InstanceStatus, string CycleStatus,
        string UnitCode, string UnitName, string UnitPath, string? StreetCode, string? DistrictCode,
        string? UnitSecretary, string? StreetSecretary, string? DistrictSecretary);

    /// <summary>
    /// Loads and row-locks the task and its instance for a transition (unknown or outside the caller's scope →
    /// 404). Locking the instance makes two transitions of one instance take turns: each then sees the other's
    /// accepted task when it decides whether the stage's gate holds.
    /// </summary>
    public static Task<TaskContext> LockAsync(NpgsqlTransaction tx, long taskId, Caller caller, CancellationToken ct) =>
        LoadAsync(tx.Connection!, tx, taskId, caller, "for update of t, i", ct);

    /// <summary>Loads the task to read it; unknown or outside the caller's scope → 404.</summary>
    public static Task<TaskContext> ReadAsync(NpgsqlConnection connection, long taskId, Caller caller, CancellationToken ct) =>
        LoadAsync(connection, null, taskId, caller, "", ct);

    static async Task<TaskContext> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, long taskId, Caller caller, string locking, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"""
            select t.id, t.cycle_id, t.instance_id, t.org_unit_id, t.stage, t.task_key, t.title, t.assignee, t.reviewer, t.gate,
                   t.origin, t.definition::text, t.status, t.attempts, t.opened_at, t.due_at,
                   i.stage as instance_stage, i.status as instance_status, c.status as cycle_status,
                   u.code as unit_code, u.name as unit_name, u.path as unit_path, s.code as street_code, d.code as district_code,
                   us.username as unit_secretary, ss.username as street_secretary, ds.username as district_secretary
            from task t
            join instance i on i.id = t.instance_id
            join cycle c on c.id = t.cycle_id
            join org_unit u on u.id = t.org_unit_id
            left join org_unit s on s.id = u.street_id
            left join org_unit d on d.id = u.district_id
            left join app_user us on us.id = u.secretary_user_id
            left join app_user ss on ss.id = s.secretary_user_id
            left join app_user ds on ds.id = d.secretary_user_id
            where t.id = @taskId
            {locking}
            """, new { taskId }, tx, cancellationToken: ct));
        if (row is null || !caller.CanSee(row.UnitPath))
            throw new NotFoundException(Say.Text($"Task {taskId} was not found.", $"未找到任务 {taskId}。"));
        return new TaskContext(row.Id, row.CycleId, row.InstanceId, row.OrgUnitId, row.Stage, row.TaskKey, row.Title, row.Assignee, row.Reviewer, row.Gate,
            row.Origin, row.Definition, Enum.Parse<TaskState>(row.Status), row.Attempts, row.OpenedAt, row.DueAt, row.InstanceStage, row.InstanceStatus, row.CycleStatus, row.UnitName,
            new ParticipantUnits(row.UnitCode, row.UnitPath, row.StreetCode, row.DistrictCode, row.UnitSecretary, row.StreetSecretary, row.DistrictSecretary));
    }
}
