using System.Text.Json;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Calendar;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Timers;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>The person-driven transitions of a task: submit (by the assignee) and review (by the reviewer).</summary>
public sealed class TaskActions(CommandRunner commands, Calendars calendars, CycleDefinitions definitions, TaskQueries queries)
{
    public const int MaxCommentLength = 2000;

    public async Task<TaskDetail> SubmitAsync(long taskId, JsonElement? data, string? comment, Caller caller, CancellationToken ct)
    {
        CheckComment(comment);
        var calendar = await calendars.LoadAsync(ct);
        await commands.RunAsync(caller, scope => SubmitInAsync(scope, taskId, data, comment, caller, calendar), ct);
        return await queries.GetAsync(taskId, caller, ct);
    }

    async Task SubmitInAsync(CommandScope scope, long taskId, JsonElement? data, string? comment, Caller caller, BusinessCalendar calendar)
    {
        var task = await TaskContext.LockAsync(scope.Transaction, taskId, caller, scope.Cancellation);
        if (!Audiences.CanAct(caller, task.Assignee, task.Units))
            throw new ForbiddenException(Say.Text($"Only the task's assignee ({task.Assignee}) for {task.Units.ParticipantCode} may submit it.", $"只有该任务在 {task.Units.ParticipantCode} 的承办人（{task.Assignee}）才能提交。"));
        EnsureRunning(task);
        TaskTransitions.Submit.Check(task.Status, () =>
            new ConflictException(Say.Text($"Task {taskId} is {task.Status}; only an Open or Returned task can be submitted.", $"任务 {taskId} {task.Status}，只有待办理或已退回的任务才能提交。")));

        var rules = await TaskRules.LoadAsync(scope.Connection, definitions, task.CycleId, task.Stage, task.TaskKey, task.OwnDefinition, scope.Cancellation);
        var errors = FormValidation.Check(rules.Task.Form, data).ToList();
        if (rules.Task.EvidenceRequired && await scope.ScalarAsync<int>("select count(*) from evidence where task_id = @taskId", new { taskId }) == 0)
            errors.Add(new FieldError("/evidence", Say.Text($"Attach at least one file (POST /api/tasks/{taskId}/evidence) before submitting.", $"提交前请至少上传一份佐证材料（POST /api/tasks/{taskId}/evidence）。")));
        if (errors.Count > 0)
            throw new RuleViolationException(errors, Say.Text("The submission breaks the task's form.", "提交内容不符合任务表单的要求。"));

        var now = scope.Now;
        var transition = task.Reviewer is null ? TaskTransitions.AcceptOnSubmit : TaskTransitions.Submit;
        var accepted = transition == TaskTransitions.AcceptOnSubmit;
        await scope.ExecuteAsync(
            """
            insert into task_submission (task_id, attempt, data, comment, submitted_by, submitted_at)
            values (@taskId, @attempt, @data::jsonb, @comment, @by, @now);
            update task set status = @to, submitted_at = @now, accepted_at = case when @accepted then @now end, updated_at = @now
            where id = @taskId and status = any(@from);
            """,
            new
            {
                taskId, attempt = task.Attempts, data = data is { ValueKind: JsonValueKind.Object } d ? d.GetRawText() : "{}", comment, by = caller.Username, now,
                to = transition.ToName, from = transition.FromNames, accepted,
            });
        var stream = JournalStreams.Cycle(task.CycleId);
        scope.Journal(new JournalDraft(stream, "TaskSubmitted", $"task:{taskId}", new { task.Units.ParticipantCode, task.TaskKey, attempt = task.Attempts, comment }));
        if (accepted)
        {
            scope.Journal(new JournalDraft(stream, "TaskAccepted", $"task:{taskId}", new { task.Units.ParticipantCode, task.TaskKey, automatic = true }));
            scope.Journal(await ProgressAsync(scope, task, calendar));
        }
    }

    public async Task<TaskDetail> ReviewAsync(long taskId, string? decision, string? comment, Caller caller, CancellationToken ct)
    {
        CheckComment(comment);
        var transition = decision switch
        {
            "Accept" => TaskTransitions.Accept,
            "Return" => TaskTransitions.Return,
            _ => throw new RuleViolationException("/decision", Say.Text("decision must be Accept or Return.", "审核结论（decision）须为 Accept（通过）或 Return（退回）。")),
        };
        if (transition == TaskTransitions.Return && string.IsNullOrWhiteSpace(comment))
            throw new RuleViolationException("/comment", Say.Text("A returned task needs a comment saying what to change.", "退回任务须填写审核意见，说明需要修改的内容。"));
        var calendar = await calendars.LoadAsync(ct);
        await commands.RunAsync(caller, scope => ReviewInAsync(scope, taskId, transition, decision!, comment, caller, calendar), ct);
        return await queries.GetAsync(taskId, caller, ct);
    }

    async Task ReviewInAsync(CommandScope scope, long taskId, TaskTransition transition, string decision, string? comment, Caller caller, BusinessCalendar calendar)
    {
        var task = await TaskContext.LockAsync(scope.Transaction, taskId, caller, scope.Cancellation);
        if (task.Reviewer is null)
            throw new ConflictException(Say.Text($"Task {taskId} has no review step: it is accepted on submission.", $"任务 {taskId} 无需审核：提交即视为通过。"));
        if (!Audiences.CanAct(caller, task.Reviewer, task.Units))
            throw new ForbiddenException(Say.Text($"Only the task's reviewer ({task.Reviewer}) may review it.", $"只有该任务的审核人（{task.Reviewer}）才能审核。"));
        EnsureRunning(task);
        transition.Check(task.Status, () =>
            new ConflictException(Say.Text($"Task {taskId} is {task.Status}; only a Submitted task can be reviewed.", $"任务 {taskId} {task.Status}，只有已提交的任务才能审核。")));

        var now = scope.Now;
        var accept = transition == TaskTransitions.Accept;
        var reviewId = await scope.SingleAsync<long>(
            """
            insert into task_review (task_id, attempt, decision, comment, reviewed_by, reviewed_at)
            values (@taskId, @attempt, @decision, @comment, @by, @now) returning id
            """, new { taskId, attempt = task.Attempts, decision, comment, by = caller.Username, now });
        await scope.ExecuteAsync(
            accept
                ? "update task set status = @to, accepted_at = @now, updated_at = @now where id = @taskId and status = any(@from)"
                : "update task set status = @to, attempts = attempts + 1, updated_at = @now where id = @taskId and status = any(@from)",
            new { taskId, now, to = transition.ToName, from = transition.FromNames });

        scope.Journal(new JournalDraft(JournalStreams.Cycle(task.CycleId), accept ? "TaskAccepted" : "TaskReturned", $"task:{taskId}",
            new { task.Units.ParticipantCode, task.TaskKey, attempt = task.Attempts, comment }));
        if (accept)
            scope.Journal(await ProgressAsync(scope, task, calendar));
        else
        {
            await RescheduleAsync(scope, task, calendar);
            scope.Notify(new Notice($"review:{reviewId}", NoticeKinds.Returned, NoticeText.Returned(task.UnitName, task.Title, comment!),
                task.OrgUnitId, task.Assignee, CycleId: task.CycleId, TaskId: task.Id));
        }
    }

    /// <summary>An accepted task's deadline is met: its timers stop; a task of a stage moves its instance on.</summary>
    async Task<IReadOnlyList<JournalDraft>> ProgressAsync(CommandScope scope, TaskContext task, BusinessCalendar calendar)
    {
        await DeadlineTimers.CancelAsync(scope.Transaction, TimerTargets.Task, task.Id, scope.Now, scope.Cancellation);
        return task.Origin == TaskOrigins.Stage
            ? await StageProgress.AfterAcceptAsync(scope.Transaction, task, await definitions.GetAsync(scope.Connection, task.CycleId, scope.Cancellation), scope.Now, calendar, scope.Cancellation)
            : [];
    }

    /// <summary>
    /// A returned task is with its assignee again: its deadline's timers start over from now, in a round of their
    /// own (those of the first round that fell while it was under review were skipped).
    /// </summary>
    async Task RescheduleAsync(CommandScope scope, TaskContext task, BusinessCalendar calendar)
    {
        if (task.DueAt is not { } dueAt) return;
        var (now, ct) = (scope.Now, scope.Cancellation);
        var rules = await TaskRules.LoadAsync(scope.Connection, definitions, task.CycleId, task.Stage, task.TaskKey, task.OwnDefinition, ct);
        var schedule = DeadlineSchedule.ForDueDate(ChinaTime.DateOf(dueAt), rules.Deadline, now, calendar);
        await DeadlineTimers.CancelAsync(scope.Transaction, TimerTargets.Task, task.Id, now, ct);
        await DeadlineTimers.ScheduleAsync(scope.Transaction, TimerTargets.Task, [task.Id], schedule.TimersFrom(now), task.CycleId, round: task.Attempts + 1, ct);
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
