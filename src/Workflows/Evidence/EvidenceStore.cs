using System.Security.Cryptography;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Evidence;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Meetings;
using CommunityWorkflows.Workflows.Runtime;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Evidence;

/// <summary>A downloadable evidence file.</summary>
public sealed record EvidenceContent(string FileName, string ContentType, byte[] Content, string Sha256);

/// <summary>
/// Evidence (佐证材料) attached to tasks and meetings, kept in PostgreSQL with its SHA-256. The type is recognised from the
/// content against an allow-list; the client's file name is cleaned and never used as a path.
/// </summary>
public sealed class EvidenceStore(NpgsqlDataSource db, CommandRunner commands)
{
    /// <summary>A file checked against the rules every piece of evidence keeps: not empty, of an accepted kind, a clean name.</summary>
    sealed record AcceptedFile(EvidenceKind Kind, string Name, byte[] Content, byte[] Sha256);

    static AcceptedFile Accept(string? fileName, byte[] content)
    {
        if (content.Length == 0)
            throw new RuleViolationException("/file", Say.Text("The file is empty.", "文件为空。"));
        var kind = EvidenceFile.Recognise(content, fileName)
            ?? throw new RuleViolationException("/file", Say.Text($"Only {EvidenceFile.Accepted} are accepted as evidence.", $"佐证材料只接受 {EvidenceFile.Accepted}。"));
        return new AcceptedFile(kind, EvidenceFile.SafeName(fileName, kind), content, SHA256.HashData(content));
    }

    /// <summary>
    /// Whether <paramref name="caller"/> may attach evidence to the task now (unknown or out of scope → 404, neither its
    /// assignee nor its reviewer → 403, closed → 409): asked before an upload is read, so that a file is only received,
    /// unpacked and inspected for a task it may be attached to. <see cref="AddAsync"/> asks again under the task's lock.
    /// </summary>
    public async Task CheckTaskAsync(long taskId, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        Admit(await TaskContext.ReadAsync(connection, taskId, caller, ct), caller);
    }

    /// <summary>Whether <paramref name="caller"/> may attach evidence to the meeting (404, 403), asked before an upload is read.</summary>
    public async Task CheckMeetingAsync(long meetingId, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        Admit(await MeetingContext.ReadAsync(connection, null, meetingId, caller, ct), caller);
    }

    static void Admit(TaskContext task, Caller caller)
    {
        if (!Audiences.CanAct(caller, task.Assignee, task.Units) && !(task.Reviewer is { } reviewer && Audiences.CanAct(caller, reviewer, task.Units)))
            throw new ForbiddenException(Say.Text("Only the task's assignee or reviewer may attach evidence.", "只有任务的承办人或审核人才能上传佐证材料。"));
        if (task.Status is TaskState.Accepted or TaskState.Cancelled or TaskState.Pending || !TaskLife.CanChange(task.CycleStatus, task.Origin))
            throw new ConflictException(Say.Text($"Task {task.Id} is {task.Status}; evidence can be attached while it is open or under review.", $"任务 {task.Id} {task.Status}，只有在办理中或审核中才能上传佐证材料。"));
    }

    static void Admit(MeetingContext meeting, Caller caller)
    {
        if (!meeting.CanRecord(caller))
            throw new ForbiddenException(Say.Text($"Only the people answering for {meeting.UnitName}'s meetings may attach evidence to them.", $"只有负责{meeting.UnitName}会议的人员才能为其上传佐证材料。"));
    }

    public Task<EvidenceView> AddAsync(long taskId, string? fileName, byte[] content, Caller caller, CancellationToken ct) =>
        AttachAsync(Accept(fileName, content), "task_id", taskId, $"task:{taskId}", caller, async scope =>
        {
            var task = await TaskContext.LockAsync(scope.Transaction, taskId, caller, scope.Cancellation);
            Admit(task, caller);
            return JournalStreams.Cycle(task.CycleId);
        }, ct);

    /// <summary>Evidence of a meeting (minutes, sign-in sheet, photos), by the people who may record it, before or after recording.</summary>
    public Task<EvidenceView> AddToMeetingAsync(long meetingId, string? fileName, byte[] content, Caller caller, CancellationToken ct) =>
        AttachAsync(Accept(fileName, content), "meeting_id", meetingId, $"meeting:{meetingId}", caller, async scope =>
        {
            Admit(await MeetingContext.LockAsync(scope.Transaction, meetingId, caller, scope.Cancellation), caller);
            return JournalStreams.Meeting(meetingId);
        }, ct);

    /// <summary>Stores <paramref name="file"/> once <paramref name="admit"/> has locked and admitted its owner, journaled in the stream it answers.</summary>
    Task<EvidenceView> AttachAsync(AcceptedFile file, string ownerColumn, long ownerId, string subject, Caller caller,
        Func<CommandScope, Task<string>> admit, CancellationToken ct) =>
        commands.RunAsync(caller, async scope =>
        {
            var stream = await admit(scope);
            var now = scope.Now;
            var id = await scope.ScalarAsync<long>(
                $"""
                insert into evidence ({ownerColumn}, file_name, content_type, size, sha256, content, uploaded_by, uploaded_at)
                values (@ownerId, @name, @contentType, @size, @sha256, @content, @by, @now) returning id
                """, new { ownerId, name = file.Name, contentType = file.Kind.ContentType, size = (long)file.Content.Length, sha256 = file.Sha256, content = file.Content, by = caller.Username, now });
            var hex = Convert.ToHexStringLower(file.Sha256);
            scope.Journal(new JournalDraft(stream, "EvidenceAdded", subject, new { evidenceId = id, fileName = file.Name, size = file.Content.Length, sha256 = hex }));
            return new EvidenceView(id, file.Name, file.Kind.ContentType, file.Content.Length, hex, caller.Username, now);
        }, ct);

    /// <summary>The file, if its task or meeting lies in the caller's scope (404 otherwise).</summary>
    public async Task<EvidenceContent> GetAsync(long evidenceId, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<StoredFile>(new CommandDefinition(
            """
            select e.file_name, e.content_type, e.content, e.sha256, u.path
            from evidence e
            left join task t on t.id = e.task_id
            left join meeting m on m.id = e.meeting_id
            join org_unit u on u.id = coalesce(t.org_unit_id, m.org_unit_id)
            where e.id = @evidenceId
            """, new { evidenceId }, cancellationToken: ct));
        if (row is null || !caller.CanSee(row.Path))
            throw new NotFoundException(Say.Text($"Evidence {evidenceId} was not found.", $"未找到佐证材料 {evidenceId}。"));
        return new EvidenceContent(row.FileName, row.ContentType, row.Content, Convert.ToHexStringLower(row.Sha256));
    }

    sealed record StoredFile(string FileName, string ContentType, byte[] Content, byte[] Sha256, string Path);
}
