using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Workflows.Journal;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Accounts;

/// <summary>
/// The failed logins on record (<c>login_failure</c>, counted as <see cref="LoginThrottle"/> says), read and
/// written in the caller's transaction; a lock on an account that starts is journaled in the accounts stream.
/// Rows are locked address first, then the account's (whose <c>app_user</c> row the caller has locked already).
/// </summary>
static class LoginLocks
{
    /// <summary>The failures of an address against every account, and against one account (null: no such account).</summary>
    public sealed record Standing(string Address, LoginFailures? OfAddress, long? UserId, LoginFailures? OfAccount)
    {
        public bool IsLocked(LoginThrottle throttle, DateTimeOffset now) => throttle.IsLocked(OfAddress, now) || throttle.IsLocked(OfAccount, now);
    }

    /// <summary>The records of <paramref name="address"/>, locked until the transaction ends.</summary>
    public static async Task<Standing> ReadAsync(NpgsqlTransaction tx, long? userId, string address, CancellationToken ct)
    {
        var rows = (await tx.Connection!.QueryAsync<(long? UserId, int Failures, DateTimeOffset FirstFailureAt, DateTimeOffset? LockedUntil)>(new CommandDefinition(
            """
            select user_id, failures, first_failure_at, locked_until from login_failure
            where address = @address and (user_id is null or user_id = @userId)
            order by user_id nulls first
            for update
            """, new { userId, address }, tx, cancellationToken: ct))).ToList();
        LoginFailures? Of(long? user) =>
            rows.Where(r => r.UserId == user).Select(r => new LoginFailures(r.Failures, r.FirstFailureAt, r.LockedUntil)).FirstOrDefault();
        return new Standing(address, Of(null), userId, userId is null ? null : Of(userId));
    }

    /// <summary>Counts one more failure for the address, and for the account when there is one; returns the locks it starts.</summary>
    public static async Task<(DateTimeOffset? Account, DateTimeOffset? Address)> RecordFailureAsync(
        NpgsqlTransaction tx, EventJournal journal, LoginThrottle throttle, Standing standing, string? username, DateTimeOffset now, CancellationToken ct)
    {
        var address = throttle.AfterAddressFailure(standing.OfAddress, now);
        await WriteAsync(tx, null, standing.Address, address, ct);
        if (standing.UserId is not { } userId) return (null, address.LockedUntil);
        var account = throttle.AfterAccountFailure(standing.OfAccount, now);
        await WriteAsync(tx, userId, standing.Address, account, ct);
        if (account.LockedUntil is { } until)
            await journal.AppendAsync(tx, now, null,
                [new JournalDraft(JournalStreams.Accounts, "AccountLocked", username, new { address = standing.Address, failures = account.Failures, lockedUntil = until })], ct);
        return (account.LockedUntil, address.LockedUntil);
    }

    static Task WriteAsync(NpgsqlTransaction tx, long? userId, string address, LoginFailures record, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            insert into login_failure (user_id, address, failures, first_failure_at, locked_until)
            values (@userId, @address, @Failures, @FirstFailureAt, @LockedUntil)
            on conflict (user_id, address) do update
            set failures = excluded.failures, first_failure_at = excluded.first_failure_at, locked_until = excluded.locked_until
            """, new { userId, address, record.Failures, record.FirstFailureAt, record.LockedUntil }, tx, cancellationToken: ct));

    /// <summary>
    /// Forgets the account's failures from one address (after a success from it), or from every address when null;
    /// the address's failures against every account stand. Returns how many locks in force it ended.
    /// </summary>
    public static Task<int> ClearAsync(NpgsqlTransaction tx, long userId, string? address, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            with cleared as (
                delete from login_failure where user_id = @userId and (@address::text is null or address = @address)
                returning locked_until)
            select count(*)::int from cleared where locked_until > @now
            """, new { userId, address, now }, tx, cancellationToken: ct));

    /// <summary>The end of the latest lock in force on the account, from any address.</summary>
    public static Task<DateTimeOffset?> LockedUntilAsync(NpgsqlConnection connection, long userId, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
            "select max(locked_until) from login_failure where user_id = @userId and locked_until > @now",
            new { userId, now }, cancellationToken: ct));

    /// <summary>
    /// Forgets the records that no longer count (no lock in force, window over): the accounts' first and the
    /// addresses' then, each in a statement of its own, so that it never holds one kind while waiting for the other.
    /// </summary>
    public static async Task<int> ForgetStaleAsync(NpgsqlConnection connection, LoginThrottle throttle, DateTimeOffset now, CancellationToken ct)
    {
        var forgotten = 0;
        foreach (var which in new[] { "user_id is not null", "user_id is null" })
            forgotten += await connection.ExecuteAsync(new CommandDefinition(
                $"delete from login_failure where {which} and first_failure_at <= @windowOpen and (locked_until is null or locked_until <= @now)",
                new { now, windowOpen = now - throttle.LockFor }, cancellationToken: ct));
        return forgotten;
    }
}
