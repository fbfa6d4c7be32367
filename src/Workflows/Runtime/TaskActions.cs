using System.Text.Json;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Calendar;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>The person-driven transitions of a task: submit (by the assignee) and review (by the reviewer).</summary>
public sealed class TaskActions(
    NpgsqlDataSource db, EventJournal journal, Calendars calendars, CycleDefinitions definitions, TaskQueries queries,
    NoticeWriter notices, TimeProvider clock)
{
    public const int MaxCommentLength = 2000;

    public async Task<TaskDetail> SubmitAsync(long taskId, JsonElement? data, string? comment, Caller caller, CancellationToken ct)
    {
        CheckComment(comment);
        var calendar = await calendars.LoadAsync(ct);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var task = await TaskContext.LockAsync(tx, taskId, caller, ct);
        if (!Audiences.CanAct(caller, task.Assignee, task.Units))
            throw new ForbiddenException(Say.Text($"Only the task's assignee ({task.Assignee}) for {task.Units.ParticipantCode} may submit it.", $"只有该任务在 {task.Units.ParticipantCode} 的承办人（{task.Assignee}）才能提交。"));
        EnsureRunning(task);
        if (!task.Status.AwaitsAssignee())
            throw new ConflictException(Say.Text($"Task {taskId} is {task.Status}; only an Open or Returned task can be submitted.", $"任务 {taskId} {task.Status}，只有待办理或已退回的任务才能提交。"));

        var taskDefinition = await TaskDefinitions.OfAsync(connection, definitions, task.CycleId, task.Stage, task.TaskKey, task.OwnDefinition, ct);
        var errors = FormValidation.Check(taskDefinition.Form, data).ToList();
        if (taskDefinition.EvidenceRequired && await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "select count(*) from evidence where task_id = @taskId", new { taskId }, tx, cancellationToken: ct)) == 0)
            errors.Add(new FieldError("/evidence", Say.Text($"Attach at least one file (POST /api/tasks/{taskId}/evidence) before submitting.", $"提交前请至少上传一份佐证材料（POST /api/tasks/{taskId}/evidence）。")));
        if (errors.Count > 0)
            throw new RuleViolationException(errors, Say.Text("The submission breaks the task's form.", "提交内容不符合任务表单的要求。"));

        var now = clock.GetUtcNow();
        var accepted = task.Reviewer is null;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into task_submission (task_id, attempt, data, comment, submitted_by, submitted_at)
            values (@taskId, @attempt, @data::jsonb, @comment, @by, @now);
            update task set status = @status, submitted_at = @now, accepted_at = case when @accepted then @now end, updated_at = @now
            where id = @taskId;
            """,
            new
            {
                taskId, attempt = task.Attempts, data = data is { ValueKind: JsonValueKind.Object } d ? d.GetRawText() : "{}", comment, by = caller.Username, now,
                status = accepted ? nameof(TaskState.Accepted) : nameof(TaskState.Submitted), accepted,
            }, tx, cancellationToken: ct));
        var stream = JournalStreams.Cycle(task.CycleId);
        List<JournalDraft> entries = [new(stream, "TaskSubmitted", $"task:{taskId}", new { task.Units.ParticipantCode, task.TaskKey, attempt = task.Attempts, comment })];
        if (accepted)
        {
            entries.Add(new(stream, "TaskAccepted", $"task:{taskId}", new { task.Units.ParticipantCode, task.TaskKey, automatic = true }));
            entries.AddRange(await ProgressAsync(connection, tx, task, now, calendar, ct));
        }
        await journal.AppendAsync(tx, now, caller.Username, entries, ct);
        await tx.CommitAsync(ct);
        await connection.CloseAsync(); // back to the pool before the read opens another
        return await queries.GetAsync(taskId, caller, ct);
    }

    public async Task<TaskDetail> ReviewAsync(long taskId, string? decision, string? comment, Caller caller, CancellationToken ct)
    {
        CheckComment(comment);
        var accept = decision switch
        {
            "Accept" => true,
            "Return" => false,
            _ => throw new RuleViolationException("/decision", Say.Text("decision must be Accept or Return.", "审核结论（decision）须为 Accept（通过）或 Return（退回）。")),
        };
        if (!accept && string.IsNullOrWhiteSpace(comment))
            throw new RuleViolationException("/comment", Say.Text("A returned task needs a comment saying what to change.", "退回任务须填写审核意见，说明需要修改的内容。"));
        var calendar = await calendars.LoadAsync(ct);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var task = await TaskContext.LockAsync(tx, taskId, caller, ct);
        if (task.Reviewer is null)
            throw new ConflictException(Say.Text($"Task {taskId} has no review step: it is accepted on submission.", $"任务 {taskId} 无需审核：提交即视为通过。"));
        if (!Audiences.CanAct(caller, task.Reviewer, task.Units))
            throw new ForbiddenException(Say.Text($"Only the task's reviewer ({task.Reviewer}) may review it.", $"只有该任务的审核人（{task.Reviewer}）才能审核。"));
        EnsureRunning(task);
        if (task.Status != TaskState.Submitted)
            throw new ConflictException(Say.Text($"Task {taskId} is {task.Status}; only a Submitted task can be reviewed.", $"任务 {taskId} {task.Status}，只有已提交的任务才能审核。"));

        var now = clock.GetUtcNow();
        var reviewId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            insert into task_review (task_id, attempt, decision, comment, reviewed_by, reviewed_at)
            values (@taskId, @attempt, @decision, @comment, @by, @now) returning id
            """, new { taskId, attempt = task.Attempts, decision, comment, by = caller.Username, now }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            accept
                ? "update task set status = 'Accepted', accepted_at = @now, updated_at = @now where id = @taskId"
                : "update task set status = 'Returned', attempts = attempts + 1, updated_at = @now where id = @taskId",
            new { taskId, now }, tx, cancellationToken: ct));

        var stream = JournalStreams.Cycle(task.CycleId);
        List<JournalDraft> entries = [new(stream, accept ? "TaskAccepted" : "TaskReturned", $"task:{taskId}", new { task.Units.ParticipantCode, task.TaskKey, attempt = task.Attempts, comment })];
        if (accept)
            entries.AddRange(await ProgressAsync(connection, tx, task, now, calendar, ct));
        else
        {
            await RescheduleAsync(connection, tx, task, now, calendar, ct);
            await notices.WriteAsync(tx, [new Notice($"review:{reviewId}", NoticeKinds.Returned, NoticeText.Returned(task.UnitName, task.Title, comment!),
                task.OrgUnitId, task.Assignee, CycleId: task.CycleId, TaskId: task.Id)], now, ct);
        }
        await journal.AppendAsync(tx, now, caller.Username, entries, ct);
        await tx.CommitAsync(ct);
        await connection.CloseAsync(); // back to the pool before the read opens another
        return await queries.GetAsync(taskId, caller, ct);
    }

    /// <summary>An accepted task's deadline is met: its timers stop; a task of a stage moves its instance on.</summary>
    async Task<IReadOnlyList<JournalDraft>> ProgressAsync(NpgsqlConnection connection, NpgsqlTransaction tx, TaskContext task, DateTimeOffset now, Domain.Calendar.BusinessCalendar calendar, CancellationToken ct)
    {
        await Timers.DeadlineTimers.CancelAsync(tx, TaskTimers.Target, task.Id, now, ct);
        return task.Origin == TaskOrigins.Stage
            ? await StageProgress.AfterAcceptAsync(tx, task, await definitions.GetAsync(connection, task.CycleId, ct), now, calendar, ct)
            : [];
    }

    /// <summary>
    /// A returned task is with its assignee again: its deadline's timers start over from now, in a round of their
    /// own (those of the first round that fell while it was under review were skipped).
    /// </summary>
    async Task RescheduleAsync(NpgsqlConnection connection, NpgsqlTransaction tx, TaskContext task, DateTimeOffset now, Domain.Calendar.BusinessCalendar calendar, CancellationToken ct)
    {
        if (task.DueAt is not { } dueAt) return;
        var (reminders, escalation) = await DeadlineRulesAsync(connection, task, ct);
        var schedule = DeadlineSchedule.ForDueDate(Domain.Calendar.ChinaTime.DateOf(dueAt), reminders, escalation, now, calendar);
        await Timers.DeadlineTimers.CancelAsync(tx, TaskTimers.Target, task.Id, now, ct);
        await Timers.DeadlineTimers.ScheduleAsync(tx, TaskTimers.Target, [task.Id], schedule.TimersFrom(now), task.CycleId, round: task.Attempts + 1, ct);
    }

    async Task<(ReminderRule Reminders, IReadOnlyList<EscalationStep> Escalation)> DeadlineRulesAsync(NpgsqlConnection connection, TaskContext task, CancellationToken ct)
    {
        if (task.OwnDefinition is { } own)
        {
            var definition = TaskDefinitions.Deserialize(own);
            return (definition.Reminders, definition.Escalation);
        }
        var template = await definitions.GetAsync(connection, task.CycleId, ct);
        var stage = template.Stages[task.Stage];
        return (stage.Reminders ?? template.Reminders, stage.Escalation ?? template.Escalation);
    }

    static void CheckComment(string? comment)
    {
        if (comment is { Length: > MaxCommentLength })
            throw new RuleViolationException("/comment", Say.Text($"comment must be at most {MaxCommentLength} characters.", $"意见不能超过 {MaxCommentLength} 个字符。"));
    }

    static void EnsureRunning(TaskContext task)
    {
        if (!TaskLife.CanChange(task.CycleStatus, task.Origin))
            throw new ConflictException(Say.Text($"The cycle is {task.CycleStatus}; its tasks no longer change.", $"该考核周期{Say.Name(task.CycleStatus)}，其任务不能再更改。"));
    }
}
