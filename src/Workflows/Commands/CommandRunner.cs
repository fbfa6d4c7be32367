using System.Data;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;
using Npgsql;

namespace CommunityWorkflows.Workflows.Commands;

/// <summary>
/// The one place a command's transaction is opened and committed: the command runs in a <see cref="CommandScope"/>,
/// then its notices and journal entries are written in the same transaction, and it commits once. A database error
/// the domain has a word for (a unique or check violation, two transactions crossing) leaves as that word
/// (<see cref="PostgresErrors"/>); anything thrown rolls the whole command back.
/// </summary>
public sealed class CommandRunner(NpgsqlDataSource db, EventJournal journal, NoticeWriter notices, TimeProvider clock)
{
    /// <summary>Runs <paramref name="command"/> as <paramref name="caller"/>.</summary>
    public Task<T> RunAsync<T>(Caller caller, Func<CommandScope, Task<T>> command, CancellationToken ct) =>
        RunAsync(caller.Username, caller, command, IsolationLevel.ReadCommitted, ct);

    /// <summary>Runs <paramref name="command"/> as <paramref name="caller"/>, with nothing to answer.</summary>
    public Task RunAsync(Caller caller, Func<CommandScope, Task> command, CancellationToken ct) =>
        RunAsync<bool>(caller.Username, caller, async scope => { await command(scope); return true; }, IsolationLevel.ReadCommitted, ct);

    /// <summary>Runs <paramref name="command"/> for a system <paramref name="actor"/> (an installer, a job).</summary>
    public Task<T> RunAsync<T>(string actor, Func<CommandScope, Task<T>> command, CancellationToken ct) =>
        RunAsync(actor, null, command, IsolationLevel.ReadCommitted, ct);

    /// <summary>Runs <paramref name="command"/> for a system <paramref name="actor"/>, with nothing to answer.</summary>
    public Task RunAsync(string actor, Func<CommandScope, Task> command, CancellationToken ct) =>
        RunAsync<bool>(actor, null, async scope => { await command(scope); return true; }, IsolationLevel.ReadCommitted, ct);

    /// <summary>
    /// Runs <paramref name="command"/> for a system <paramref name="actor"/> acting at <paramref name="at"/> rather than at the
    /// clock's now: work a job was asked to do as of a given time (the occurrences due then), journaled at that time.
    /// </summary>
    public Task<T> RunAsync<T>(string actor, DateTimeOffset at, Func<CommandScope, Task<T>> command, CancellationToken ct) =>
        RunAsync(actor, null, command, IsolationLevel.ReadCommitted, ct, at: at);

    /// <summary>
    /// Runs <paramref name="command"/> as <paramref name="caller"/> (null: a trusted local operator, journaled as
    /// <paramref name="actor"/>) at the time of <paramref name="time"/>: account commands that measure tokens and locks
    /// on the wall clock while the domain's clock may be simulated.
    /// </summary>
    internal Task<T> RunAsync<T>(Caller? caller, string actor, TimeProvider time, Func<CommandScope, Task<T>> command, CancellationToken ct) =>
        RunAsync(actor, caller, command, IsolationLevel.ReadCommitted, ct, time);

    /// <summary>Runs <paramref name="command"/> as <paramref name="caller"/>, or as a trusted local operator journaled as <paramref name="actor"/>.</summary>
    internal Task<T> RunAsync<T>(Caller? caller, string actor, Func<CommandScope, Task<T>> command, CancellationToken ct) =>
        RunAsync(actor, caller, command, IsolationLevel.ReadCommitted, ct);

    /// <summary>
    /// Reads in one repeatable-read snapshot (a page and its total, a report's several queries), so its parts agree with
    /// each other; nothing is written.
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<NpgsqlTransaction, Task<T>> read, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var result = await Translated(() => read(tx));
        await tx.CommitAsync(ct);
        return result;
    }

    async Task<T> RunAsync<T>(
        string? actor, Caller? caller, Func<CommandScope, Task<T>> command, IsolationLevel isolation, CancellationToken ct, TimeProvider? time = null, DateTimeOffset? at = null)
    {
        T result;
        IReadOnlyList<Action> committed;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            await using var tx = await connection.BeginTransactionAsync(isolation, ct);
            var scope = new CommandScope(tx, time ?? clock, actor, caller, ct, at);
            result = await Translated(() => RunInAsync(scope, command, journal, notices));
            await Translated(async () => { await tx.CommitAsync(ct); return true; });
            committed = scope.CommitActions;
        }
        // the connection is back in the pool before the caller's read opens another
        foreach (var action in committed) action();
        return result;
    }

    /// <summary>
    /// Runs <paramref name="command"/> in a transaction of its own on <paramref name="connection"/>, which someone else
    /// holds open (the migration's lock connection, which installs shipped content before the services exist): journaled
    /// there and committed once. Such a command writes no notices.
    /// </summary>
    public static async Task<T> RunOnAsync<T>(
        NpgsqlConnection connection, TimeProvider clock, string actor, Func<CommandScope, Task<T>> command, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        var scope = new CommandScope(tx, clock, actor, null, ct);
        var result = await command(scope);
        if (scope.PendingNotices.Count > 0)
            throw new InvalidOperationException("A command run on a borrowed connection cannot write notices.");
        await EventJournal.AppendInAsync(tx, scope.Now, actor, scope.PendingJournal, ct);
        await tx.CommitAsync(ct);
        return result;
    }

    static async Task<T> RunInAsync<T>(CommandScope scope, Func<CommandScope, Task<T>> command, EventJournal journal, NoticeWriter notices)
    {
        var result = await command(scope);
        if (scope.PendingNotices.Count > 0)
            await notices.WriteAsync(scope.Transaction, scope.PendingNotices, scope.Now, scope.Cancellation);
        if (scope.PendingJournal.Count > 0)
            await journal.AppendAsync(scope.Transaction, scope.Now, scope.Actor, scope.PendingJournal, scope.Cancellation);
        return result;
    }

    static async Task<T> Translated<T>(Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (PostgresException e) when (PostgresErrors.Translate(e) is { } domain)
        {
            throw domain;
        }
    }
}
