using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Runtime;

namespace CommunityWorkflows.Workflows.Evidence;

/// <summary>
/// Takes back a file attached by mistake: by the task's assignee, while the task is with them, and only a file added
/// since the last submission — what a reviewer has seen stays part of the record. Journaled like the upload.
/// </summary>
public sealed class EvidenceRemoval(CommandRunner commands)
{
    public Task RemoveAsync(long taskId, long evidenceId, Caller caller, CancellationToken ct) =>
        commands.RunAsync(caller, scope => RemoveInAsync(scope, taskId, evidenceId, caller), ct);

    static async Task RemoveInAsync(CommandScope scope, long taskId, long evidenceId, Caller caller)
    {
        var task = await TaskContext.LockAsync(scope.Transaction, taskId, caller, scope.Cancellation);
        if (!Audiences.CanAct(caller, task.Assignee, task.Units))
            throw new ForbiddenException(Say.Text("Only the task's assignee may remove its evidence.", "只有任务的承办单位可以删除其材料。"));
        if (!task.Status.AwaitsAssignee() || !TaskLife.CanChange(task.CycleStatus, task.Origin))
            throw new ConflictException(Say.Text($"Task {taskId} is {task.Status}; evidence can be removed while it is open or returned.", $"任务 {taskId} 当前为“{Say.Name(task.Status.ToString())}”，只有待提交或已退回的任务可以删除材料。"));
        var file = await scope.SingleOrDefaultAsync<(string FileName, bool Submitted)?>(
            """
            select e.file_name,
                   exists (select 1 from task_submission s where s.task_id = e.task_id and s.submitted_at >= e.uploaded_at) as submitted
            from evidence e where e.id = @evidenceId and e.task_id = @taskId
            """, new { evidenceId, taskId })
            ?? throw new NotFoundException(Say.Text($"Evidence {evidenceId} of task {taskId} was not found.", $"未找到任务 {taskId} 的材料 {evidenceId}。"));
        if (file.Submitted)
            throw new ConflictException(Say.Text($"{file.FileName} was part of a submission and stays with the task's record.", $"{file.FileName} 已随提交报送，须保留在任务记录中。"));
        await scope.ExecuteAsync("delete from evidence where id = @evidenceId", new { evidenceId });
        scope.Journal(new JournalDraft(JournalStreams.Cycle(task.CycleId), "EvidenceRemoved", $"task:{taskId}", new { evidenceId, fileName = file.FileName }));
    }
}
