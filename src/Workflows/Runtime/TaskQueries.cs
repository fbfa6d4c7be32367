using System.Text.Json;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Store;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>Reading tasks within the caller's scope.</summary>
public sealed class TaskQueries(NpgsqlDataSource db, CommandRunner commands, CycleDefinitions definitions, TimeProvider clock)
{
    public const int MaxPageSize = 5000;

    sealed record ListRow(long Id, long CycleId, string OrgUnitCode, string OrgUnitName, string Stage, string Title, string Status, DateTimeOffset? DueAt);

    public async Task<IReadOnlyList<TaskView>> ListAsync(TaskFilter filter, Caller caller, CancellationToken ct)
    {
        var status = StatusFilter(filter.Status);
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
              and (@overdue::boolean is null or (t.status = any(@awaiting) and t.due_at < @now) = @overdue)
              and (@cycleId::bigint is null or t.cycle_id = @cycleId)
              and (@orgUnitCode::text is null or u.code = @orgUnitCode)
              and (@all or u.path like any(@scopes))
            order by t.due_at nulls last, t.id
            limit @limit offset @offset
            """,
            new
            {
                status, filter.Overdue, filter.CycleId, filter.OrgUnitCode, now, filter.Limit, filter.Offset, awaiting = TaskTransitions.Submit.FromNames,
                all = caller.IsSystemAdmin, scopes = caller.VisiblePaths().Select(Like.Prefix).ToArray(),
            }, cancellationToken: ct));
        return rows.Select(r => new TaskView(r.Id, r.CycleId, r.OrgUnitCode, r.OrgUnitName, r.Stage, r.Title, r.Status, r.DueAt,
            TaskStates.IsOverdue(Enum.Parse<TaskState>(r.Status), r.DueAt, now))).ToList();
    }

    /// <summary>A status filter as stored (any letter case accepted), or null for none; an unknown status is a 422.</summary>
    internal static string? StatusFilter(string? text) =>
        text is null ? null
        : EnumText.TryParse<TaskState>(text, out var state) ? state.ToString()
        : throw new RuleViolationException("/status", Say.Text($"Unknown status '{text}'; expected one of {EnumText.Expected<TaskState>()}.", $"未知状态“{text}”，应为以下之一：{EnumText.Expected<TaskState>()}。"));

    public async Task<TaskDetail> GetAsync(long taskId, Caller caller, CancellationToken ct)
    {
        var read = await commands.ReadAsync(tx => ReadAsync(tx, taskId, caller, ct), ct);
        var (task, rules) = (read.Task, read.Rules);
        var now = clock.GetUtcNow();
        var canChange = TaskLife.CanChange(task.CycleStatus, task.Origin);
        return new TaskDetail(task.Id, task.CycleId, task.Units.ParticipantCode, task.UnitName, read.StageKey, task.TaskKey, task.Title,
            rules.Task.Description, task.Status.ToString(), task.OpenedAt, task.DueAt, TaskStates.IsOverdue(task.Status, task.DueAt, now),
            task.Assignee, task.Reviewer, task.Gate, rules.Task.EvidenceRequired, rules.Task.After, rules.Task.Form,
            read.Submissions.Select(s => new SubmissionView(s.Attempt, JsonDocument.Parse(s.Data).RootElement.Clone(), s.Comment, s.SubmittedBy, s.SubmittedAt)).ToList(),
            read.Reviews,
            read.Evidence.Select(e => new EvidenceView(e.Id, e.FileName, e.ContentType, e.Size, Convert.ToHexStringLower(e.Sha256), e.UploadedBy, e.UploadedAt)).ToList(),
            TaskTransitions.Submit.CanApply(task.Status) && canChange && Audiences.CanAct(caller, task.Assignee, task.Units),
            TaskTransitions.Accept.CanApply(task.Status) && canChange && task.Reviewer is not null && Audiences.CanAct(caller, task.Reviewer, task.Units));
    }

    sealed record SubmissionRow(int Attempt, string Data, string? Comment, string SubmittedBy, DateTimeOffset SubmittedAt);

    sealed record EvidenceRow(long Id, string FileName, string ContentType, long Size, byte[] Sha256, string UploadedBy, DateTimeOffset UploadedAt);

    sealed record DetailRead(
        TaskContext Task, string StageKey, EffectiveTaskRules Rules, IReadOnlyList<SubmissionRow> Submissions, IReadOnlyList<ReviewView> Reviews, IReadOnlyList<EvidenceRow> Evidence);

    /// <summary>The task and all around it, in one snapshot.</summary>
    async Task<DetailRead> ReadAsync(NpgsqlTransaction tx, long taskId, Caller caller, CancellationToken ct)
    {
        var connection = tx.Connection!;
        var task = await TaskContext.ReadAsync(connection, taskId, caller, ct);
        var stageKey = (await definitions.GetAsync(connection, task.CycleId, ct)).Stages[task.Stage].Key;
        var rules = await TaskRules.LoadAsync(connection, definitions, task.CycleId, task.Stage, task.TaskKey, task.OwnDefinition, ct);
        var submissions = await connection.QueryAsync<SubmissionRow>(new CommandDefinition(
            "select attempt, data::text, comment, submitted_by, submitted_at from task_submission where task_id = @taskId order by id", new { taskId }, tx, cancellationToken: ct));
        var reviews = await connection.QueryAsync<ReviewView>(new CommandDefinition(
            "select attempt, decision, comment, reviewed_by, reviewed_at from task_review where task_id = @taskId order by id", new { taskId }, tx, cancellationToken: ct));
        var evidence = await connection.QueryAsync<EvidenceRow>(new CommandDefinition(
            "select id, file_name, content_type, size, sha256, uploaded_by, uploaded_at from evidence where task_id = @taskId order by id", new { taskId }, tx, cancellationToken: ct));
        return new DetailRead(task, stageKey, rules, submissions.AsList(), reviews.AsList(), evidence.AsList());
    }
}
