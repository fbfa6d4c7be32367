using System.Security.Cryptography;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Evidence;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Runtime;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Evidence;

/// <summary>A downloadable evidence file.</summary>
public sealed record EvidenceContent(string FileName, string ContentType, byte[] Content, string Sha256);

/// <summary>
/// Evidence (佐证材料) attached to tasks, kept in PostgreSQL with its SHA-256. The type is recognised from the
/// content against an allow-list; the client's file name is cleaned and never used as a path.
/// </summary>
public sealed class EvidenceStore(NpgsqlDataSource db, EventJournal journal, TimeProvider clock)
{
    public async Task<EvidenceView> AddAsync(long taskId, string? fileName, byte[] content, Caller caller, CancellationToken ct)
    {
        if (content.Length == 0)
            throw new RuleViolationException("/file", "The file is empty.");
        var kind = EvidenceFile.Recognise(content, fileName)
            ?? throw new RuleViolationException("/file", $"Only {EvidenceFile.Accepted} are accepted as evidence.");

        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var task = await TaskContext.LockAsync(tx, taskId, caller, ct);
        if (!Audiences.CanAct(caller, task.Assignee, task.Units) && !(task.Reviewer is { } reviewer && Audiences.CanAct(caller, reviewer, task.Units)))
            throw new ForbiddenException("Only the task's assignee or reviewer may attach evidence.");
        if (task.Status is TaskState.Accepted or TaskState.Cancelled or TaskState.Pending || task.CycleStatus != "Running")
            throw new ConflictException($"Task {taskId} is {task.Status}; evidence can be attached while it is open or under review.");

        var sha256 = SHA256.HashData(content);
        var name = EvidenceFile.SafeName(fileName, kind);
        var now = clock.GetUtcNow();
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            insert into evidence (task_id, file_name, content_type, size, sha256, content, uploaded_by, uploaded_at)
            values (@taskId, @name, @contentType, @size, @sha256, @content, @by, @now) returning id
            """, new { taskId, name, contentType = kind.ContentType, size = (long)content.Length, sha256, content, by = caller.Username, now }, tx, cancellationToken: ct));
        var hex = Convert.ToHexStringLower(sha256);
        await journal.AppendAsync(tx, now, caller.Username,
            [new JournalDraft(JournalStreams.Cycle(task.CycleId), "EvidenceAdded", $"task:{taskId}", new { evidenceId = id, fileName = name, size = content.Length, sha256 = hex })], ct);
        await tx.CommitAsync(ct);
        return new EvidenceView(id, name, kind.ContentType, content.Length, hex, caller.Username, now);
    }

    /// <summary>The file, if its task lies in the caller's scope (404 otherwise).</summary>
    public async Task<EvidenceContent> GetAsync(long evidenceId, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<StoredFile>(new CommandDefinition(
            """
            select e.file_name, e.content_type, e.content, e.sha256, u.path
            from evidence e join task t on t.id = e.task_id join org_unit u on u.id = t.org_unit_id
            where e.id = @evidenceId
            """, new { evidenceId }, cancellationToken: ct));
        if (row is null || !caller.CanSee(row.Path))
            throw new NotFoundException($"Evidence {evidenceId} was not found.");
        return new EvidenceContent(row.FileName, row.ContentType, row.Content, Convert.ToHexStringLower(row.Sha256));
    }

    sealed record StoredFile(string FileName, string ContentType, byte[] Content, byte[] Sha256, string Path);
}
