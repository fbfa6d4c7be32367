using System.Text.Json;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Store;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>Reading tasks within the caller's scope.</summary>
public sealed class TaskQueries(NpgsqlDataSource db, CycleDefinitions definitions, TimeProvider clock)
{
    public const int MaxPageSize = 5000;

    sealed record ListRow(long Id, long CycleId, string OrgUnitCode, string OrgUnitName, string Stage, string Title, string Status, DateTimeOffset? DueAt);

    public async Task<IReadOnlyList<TaskView>> ListAsync(TaskFilter filter, Caller caller, CancellationToken ct)
    {
        string? status = null;
        if (filter.Status is not null)
            status = EnumText.TryParse<TaskState>(filter.Status, out var state) ? state.ToString()
                : throw new RuleViolationException("/status", Say.Text($"Unknown status '{filter.Status}'; expected one of {EnumText.Expected<TaskState>()}.", $"未知状态“{filter.Status}”，应为以下之一：{EnumText.Expected<TaskState>()}。"));
        Paging.Check(filter.Limit, filter.Offset, MaxPageSize);
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ListRow>(new CommandDefinition(
            """
            select t.id, t.cycle_id, u.code as org_unit_code, u.name as org_unit_name, s.key as stage, t.title, t.status, t.due_at
            from task t
            join org_unit u on u.id = t.org_unit_id
            join cycle_stage s on s.cycle_id = t.cycle_id and s.ordinal = t.stage
            where (@status::text is null and t.status not in ('Pending', 'Cancelled') or t.status = @status)
              and (@overdue::boolean is null or (t.status in ('Open', 'Returned') and t.due_at < @now) = @overdue)
              and (@cycleId::bigint is null or t.cycle_id = @cycleId)
              and (@orgUnitCode::text is null or u.code = @orgUnitCode)
              and (@all or u.path like any(@scopes))
            order by t.due_at nulls last, t.id
            limit @limit offset @offset
            """,
            new
            {
                status, filter.Overdue, filter.CycleId, filter.OrgUnitCode, now, filter.Limit, filter.Offset,
                all = caller.IsSystemAdmin, scopes = caller.VisiblePaths().Select(Like.Prefix).ToArray(),
            }, cancellationToken: ct));
        return rows.Select(r => new TaskView(r.Id, r.CycleId, r.OrgUnitCode, r.OrgUnitName, r.Stage, r.Title, r.Status, r.DueAt,
            TaskStates.IsOverdue(Enum.Parse<TaskState>(r.Status), r.DueAt, now))).ToList();
    }

    public async Task<TaskDetail> GetAsync(long taskId, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var task = await TaskContext.ReadAsync(connection, taskId, caller, ct);
        var definition = await definitions.GetAsync(connection, task.CycleId, ct);
        var stage = definition.Stages[task.Stage];
        var taskDefinition = await TaskDefinitions.OfAsync(connection, definitions, task.CycleId, task.Stage, task.TaskKey, task.OwnDefinition, ct);
        var submissions = await connection.QueryAsync<(int Attempt, string Data, string? Comment, string SubmittedBy, DateTimeOffset SubmittedAt)>(new CommandDefinition(
            "select attempt, data::text, comment, submitted_by, submitted_at from task_submission where task_id = @taskId order by id", new { taskId }, tx, cancellationToken: ct));
        var reviews = await connection.QueryAsync<ReviewView>(new CommandDefinition(
            "select attempt, decision, comment, reviewed_by, reviewed_at from task_review where task_id = @taskId order by id", new { taskId }, tx, cancellationToken: ct));
        var evidence = await connection.QueryAsync<(long Id, string FileName, string ContentType, long Size, byte[] Sha256, string UploadedBy, DateTimeOffset UploadedAt)>(new CommandDefinition(
            "select id, file_name, content_type, size, sha256, uploaded_by, uploaded_at from evidence where task_id = @taskId order by id", new { taskId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        var now = clock.GetUtcNow();
        return new TaskDetail(task.Id, task.CycleId, task.Units.ParticipantCode, task.UnitName, stage.Key, task.TaskKey, task.Title,
            taskDefinition.Description, task.Status.ToString(), task.OpenedAt, task.DueAt, TaskStates.IsOverdue(task.Status, task.DueAt, now),
            task.Assignee, task.Reviewer, task.Gate, taskDefinition.EvidenceRequired, taskDefinition.After, taskDefinition.Form,
            submissions.Select(s => new SubmissionView(s.Attempt, JsonDocument.Parse(s.Data).RootElement.Clone(), s.Comment, s.SubmittedBy, s.SubmittedAt)).ToList(),
            reviews.ToList(),
            evidence.Select(e => new EvidenceView(e.Id, e.FileName, e.ContentType, e.Size, Convert.ToHexStringLower(e.Sha256), e.UploadedBy, e.UploadedAt)).ToList(),
            task.Status.AwaitsAssignee() && TaskLife.CanChange(task.CycleStatus, task.Origin) && Audiences.CanAct(caller, task.Assignee, task.Units),
            task.Status == TaskState.Submitted && TaskLife.CanChange(task.CycleStatus, task.Origin) && task.Reviewer is not null && Audiences.CanAct(caller, task.Reviewer, task.Units));
    }
}
