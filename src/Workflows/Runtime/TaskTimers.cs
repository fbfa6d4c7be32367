using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Timers;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>
/// A task's reminders, deadline and escalations: each tells the people answering for the assignee role (or,
/// for an escalation, for the role the step names) — as long as the task still waits on its assignee.
/// </summary>
public sealed class TaskTimers(CycleDefinitions definitions) : DeadlineTimerHandler<TaskTimers.TaskRow>
{
    public const string Target = TimerTargets.Task;

    public override string TargetKind => Target;

    protected override string Table => "task";

    public sealed record TaskRow(long Id, string Status, DateTimeOffset? DueAt, string Title, string TaskKey, string Assignee, string Origin, string? Definition, long OrgUnitId, int Stage, string UnitCode, string UnitName, long CycleId, string CycleStatus)
    {
        /// <summary>The task's escalation steps, resolved only for the tasks whose escalation fires.</summary>
        public IReadOnlyList<EscalationStep> Escalation { get; init; } = [];
    }

    protected override long IdOf(TaskRow task) => task.Id;

    protected override string TargetsSql =>
        """
        select t.id, t.status, t.due_at, t.title, t.task_key, t.assignee, t.origin, t.definition::text, t.org_unit_id, t.stage,
               u.code as unit_code, u.name as unit_name, t.cycle_id, c.status as cycle_status
        from task t join org_unit u on u.id = t.org_unit_id join cycle c on c.id = t.cycle_id
        where t.id = any(@ids)
        """;

    protected override async Task<IReadOnlyDictionary<long, TaskRow>> LoadAsync(NpgsqlTransaction tx, IReadOnlyList<DueTimer> timers, CancellationToken ct)
    {
        var tasks = (await base.LoadAsync(tx, timers, ct)).ToDictionary();
        foreach (var id in timers.Where(t => t.Kind == TimerKinds.Escalation).Select(t => t.TargetId).Distinct())
            if (tasks.TryGetValue(id, out var task))
                tasks[id] = task with
                {
                    Escalation = (await TaskRules.LoadAsync(tx.Connection!, definitions, task.CycleId, task.Stage, task.TaskKey, task.Definition, ct)).Deadline.Escalation,
                };
        return tasks;
    }

    protected override bool Waits(TaskRow task) => TaskLife.CanChange(task.CycleStatus, task.Origin) && Enum.Parse<TaskState>(task.Status).AwaitsAssignee();

    protected override DateTimeOffset? DueAt(TaskRow task) => task.DueAt;

    protected override TimerFiring ReminderFiring(DueTimer timer, TaskRow task) =>
        Firing(timer, task, task.Assignee, NoticeText.Reminder(task.UnitName, task.Title, task.DueAt!.Value, timer.Step!.Value), new { daysBefore = timer.Step });

    protected override TimerFiring OverdueFiring(DueTimer timer, TaskRow task) =>
        Firing(timer, task, task.Assignee, NoticeText.Overdue(task.UnitName, task.Title, task.DueAt!.Value), new { dueAt = task.DueAt });

    protected override TimerFiring EscalationFiring(DueTimer timer, TaskRow task)
    {
        var step = task.Escalation[timer.Step!.Value - 1];
        return Firing(timer, task, step.To, NoticeText.Escalation(task.UnitName, task.Title, task.DueAt!.Value, step.AfterWorkdays),
            new { step = timer.Step, step.AfterWorkdays, to = step.To });
    }

    /// <summary>A task's notice carries its timer's kind (<see cref="NoticeKinds"/>: Reminder, Overdue, Escalation).</summary>
    static TimerFiring Firing(DueTimer timer, TaskRow task, string audience, string subject, object detail) => new(
        new Notice(TimerFiring.NoticeKey(timer), timer.Kind, subject, task.OrgUnitId, audience, CycleId: task.CycleId, TaskId: task.Id),
        new JournalDraft(JournalStreams.Cycle(task.CycleId), timer.Kind, $"task:{task.Id}", new { task.UnitCode, task.TaskKey, audience, detail }));
}
