using System.Data;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Commands;

/// <summary>
/// One command's unit of work: its transaction, its actor, the time it acts at, and the journal entries and
/// notices it produces. <see cref="CommandRunner"/> opens it, writes the notices and the journal in the same
/// transaction and commits once; a command only says what it changed.
/// </summary>
public sealed class CommandScope
{
    readonly TimeProvider clock;
    readonly List<JournalDraft> journal = [];
    readonly List<Notice> notices = [];
    readonly List<Action> afterCommit = [];
    DateTimeOffset? now;

    internal CommandScope(
        NpgsqlTransaction transaction, TimeProvider clock, string? actor, Caller? caller, CancellationToken cancellation, DateTimeOffset? at = null)
    {
        now = at;
        Transaction = transaction;
        this.clock = clock;
        Actor = actor;
        Caller = caller;
        Cancellation = cancellation;
    }

    public NpgsqlTransaction Transaction { get; }

    public NpgsqlConnection Connection => Transaction.Connection!;

    /// <summary>Who acts: the caller's username, or a system actor (<c>timers</c>, <c>system</c>...).</summary>
    public string? Actor { get; }

    /// <summary>The person acting, when a person acts.</summary>
    public Caller? Caller { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>
    /// The time the command acts at, read from the clock the first time it is asked for — after the locks the command
    /// took before it — and the same for every later use, the journal entries and the notices included. A job asked to
    /// act as of a given time acts at that time.
    /// </summary>
    public DateTimeOffset Now => now ??= clock.GetUtcNow();

    public IReadOnlyList<JournalDraft> PendingJournal => journal;

    public IReadOnlyList<Notice> PendingNotices => notices;

    /// <summary>Journals <paramref name="entries"/> in this transaction, at <see cref="Now"/>, by <see cref="Actor"/>.</summary>
    public void Journal(params IEnumerable<JournalDraft> entries) => journal.AddRange(entries);

    /// <summary>Writes <paramref name="items"/> to their audiences' inboxes in this transaction.</summary>
    public void Notify(params IEnumerable<Notice> items) => notices.AddRange(items);

    /// <summary>Runs <paramref name="action"/> once the transaction has committed (a cache to refresh, ...), never if it rolled back.</summary>
    public void AfterCommit(Action action) => afterCommit.Add(action);

    internal IReadOnlyList<Action> CommitActions => afterCommit;

    public Task<int> ExecuteAsync(string sql, object? parameters = null, int? timeout = null) =>
        Connection.ExecuteAsync(Command(sql, parameters, timeout));

    public Task<T?> ScalarAsync<T>(string sql, object? parameters = null, int? timeout = null) =>
        Connection.ExecuteScalarAsync<T>(Command(sql, parameters, timeout));

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null, int? timeout = null) =>
        (await Connection.QueryAsync<T>(Command(sql, parameters, timeout))).AsList();

    public Task<T> SingleAsync<T>(string sql, object? parameters = null) => Connection.QuerySingleAsync<T>(Command(sql, parameters, null));

    public Task<T?> SingleOrDefaultAsync<T>(string sql, object? parameters = null) => Connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters, null));

    public Task<T?> FirstOrDefaultAsync<T>(string sql, object? parameters = null) => Connection.QueryFirstOrDefaultAsync<T>(Command(sql, parameters, null));

    CommandDefinition Command(string sql, object? parameters, int? timeout) =>
        new(sql, parameters, Transaction, timeout, CommandType.Text, cancellationToken: Cancellation);
}
