using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Journal;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Workflows.Accounts;

/// <summary>
/// What an administrator of an account does to it — disable, enable, reset the password, unlock, sign out — and
/// a person's own password and sessions. <c>caller</c> null is a trusted local operator (the CLI). Each change
/// is journaled in the accounts stream in its transaction; each that ends sessions ends every bearer token and
/// UI session of the person and their calendar link.
/// </summary>
public sealed partial class Users
{
    /// <summary>Disables the account: it cannot sign in (answered like a wrong password) and its sessions end at once.</summary>
    public async Task<UserView> DisableAsync(string username, Caller? caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var account = await AdministeredAsync(tx, username, caller, ct);
        if (caller is not null && caller.Username == account.Username)
            throw new ForbiddenException(Say.Text("You cannot disable your own account; another administrator can.", "不能停用本人账号，请由其他管理员操作。"));
        if (account.DisabledAt is null)
        {
            var now = clock.GetUtcNow();
            await connection.ExecuteAsync(new CommandDefinition(
                "update app_user set disabled_at = @now where id = @id", new { now, id = account.Id }, tx, cancellationToken: ct));
            var sessionsEnded = await Sessions.EndAllAsync(tx, account.Id, ct);
            await journal.AppendAsync(tx, now, Actor(caller), [new JournalDraft(JournalStreams.Accounts, "UserDisabled", account.Username, new { sessionsEnded })], ct);
            await tx.CommitAsync(ct);
            logger.LogInformation("User {Username} disabled by {Actor}; {Sessions} sessions ended", account.Username, Actor(caller), sessionsEnded);
        }
        return await ViewAsync(connection, account.Username, caller, ct);
    }

    /// <summary>Lets a disabled account sign in again (its failed logins stand; <see cref="UnlockAsync"/> clears them).</summary>
    public async Task<UserView> EnableAsync(string username, Caller? caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var account = await AdministeredAsync(tx, username, caller, ct);
        if (account.DisabledAt is not null)
        {
            var now = clock.GetUtcNow();
            await connection.ExecuteAsync(new CommandDefinition(
                "update app_user set disabled_at = null where id = @id", new { id = account.Id }, tx, cancellationToken: ct));
            await journal.AppendAsync(tx, now, Actor(caller), [new JournalDraft(JournalStreams.Accounts, "UserEnabled", account.Username)], ct);
            await tx.CommitAsync(ct);
            logger.LogInformation("User {Username} enabled by {Actor}", account.Username, Actor(caller));
        }
        return await ViewAsync(connection, account.Username, caller, ct);
    }

    /// <summary>
    /// Forgets the account's failed logins from every address, ending every lock on it (an address locked out of
    /// every account stays so until its lock ends); journaled when a lock was in force.
    /// </summary>
    public async Task<UserView> UnlockAsync(string username, Caller? caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var account = await AdministeredAsync(tx, username, caller, ct);
        var locksEnded = await LoginLocks.ClearAsync(tx, account.Id, null, security.UtcNow, ct);
        if (locksEnded > 0)
            await journal.AppendAsync(tx, clock.GetUtcNow(), Actor(caller),
                [new JournalDraft(JournalStreams.Accounts, "AccountUnlocked", account.Username, new { locksEnded })], ct);
        await tx.CommitAsync(ct);
        if (locksEnded > 0)
            logger.LogInformation("User {Username} unlocked by {Actor}: {Locks} locks ended", account.Username, Actor(caller), locksEnded);
        return await ViewAsync(connection, account.Username, caller, ct);
    }

    /// <summary>
    /// Sets a new password for someone else (one's own needs the current one: <see cref="ChangeOwnPasswordAsync"/>);
    /// their locks are lifted and their sessions end.
    /// </summary>
    public async Task ResetPasswordAsync(string username, string? password, Caller? caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var account = await AdministeredAsync(tx, username, caller, ct);
        if (caller is not null && caller.Username == account.Username)
            throw new ForbiddenException(Say.Text("Change your own password with PUT /api/me/password, giving the current one.", "修改本人密码请使用 PUT /api/me/password，并提供当前密码。"));
        if (AccountRules.CheckPassword(password).ToList() is { Count: > 0 } errors)
            throw new RuleViolationException(errors, Say.Text("The password was not reset.", "密码未重置。"));
        await connection.ExecuteAsync(new CommandDefinition(
            "update app_user set password_hash = @hash where id = @id",
            new { hash = hasher.HashPassword(account.Username, password!), id = account.Id }, tx, cancellationToken: ct));
        await LoginLocks.ClearAsync(tx, account.Id, null, security.UtcNow, ct);
        var sessionsEnded = await Sessions.EndAllAsync(tx, account.Id, ct);
        await journal.AppendAsync(tx, clock.GetUtcNow(), Actor(caller),
            [new JournalDraft(JournalStreams.Accounts, "PasswordReset", account.Username, new { sessionsEnded })], ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Password of {Username} reset by {Actor}; {Sessions} sessions ended", account.Username, Actor(caller), sessionsEnded);
    }

    /// <summary>
    /// The caller's new password, given the current one, which is checked as a login from <paramref name="address"/>
    /// is (<see cref="LoginAttempts"/>): a wrong one counts as a failed login — recorded although the request is
    /// refused — and a locked-out address is answered alike, after the same password verification. Every session of
    /// the caller ends, this one included, and their calendar link.
    /// </summary>
    public async Task ChangeOwnPasswordAsync(Caller caller, string? currentPassword, string? password, string address, CancellationToken ct)
    {
        var errors = AccountRules.CheckPassword(password).ToList();
        if (string.IsNullOrEmpty(currentPassword))
        {
            errors.Insert(0, new FieldError("/currentPassword", Say.Text("The current password is required.", "当前密码为必填项。")));
            throw new RuleViolationException(errors, Say.Text("The password was not changed.", "密码未修改。"));
        }
        await using var connection = await db.OpenConnectionAsync(ct);
        var attempt = await logins.VerifyAsync(connection, caller.Username, currentPassword, ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (!await logins.SettleAsync(tx, attempt, address, ct))
            errors.Insert(0, new FieldError("/currentPassword",
                Say.Text("The current password is wrong, or this address is locked out of the account for a while after repeated failures.", "当前密码错误，或因多次输错，本地址暂时无法登录该账号。")));
        if (errors.Count > 0)
        {
            await tx.CommitAsync(ct); // a failure is counted, nothing else is written
            throw new RuleViolationException(errors, Say.Text("The password was not changed.", "密码未修改。"));
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "update app_user set password_hash = @hash where id = @id",
            new { hash = hasher.HashPassword(caller.Username, password!), id = caller.UserId }, tx, cancellationToken: ct));
        await LoginLocks.ClearAsync(tx, caller.UserId, null, security.UtcNow, ct);
        var sessionsEnded = await Sessions.EndAllAsync(tx, caller.UserId, ct);
        await journal.AppendAsync(tx, clock.GetUtcNow(), caller.Username,
            [new JournalDraft(JournalStreams.Accounts, "PasswordChanged", caller.Username, new { sessionsEnded })], ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("User {Username} changed their password; {Sessions} sessions ended", caller.Username, sessionsEnded);
    }

    /// <summary>Ends every session of the account (by an administrator of it).</summary>
    public async Task SignOutAsync(string username, Caller? caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var account = await AdministeredAsync(tx, username, caller, ct);
        await EndSessionsAsync(tx, account.Id, account.Username, Actor(caller), ct);
    }

    /// <summary>Ends every session of the caller, on every device, this one included.</summary>
    public async Task SignOutEverywhereAsync(Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "select 1 from app_user where id = @id for no key update", new { id = caller.UserId }, tx, cancellationToken: ct));
        await EndSessionsAsync(tx, caller.UserId, caller.Username, caller.Username, ct);
    }

    async Task EndSessionsAsync(NpgsqlTransaction tx, long userId, string username, string actor, CancellationToken ct)
    {
        var sessionsEnded = await Sessions.EndAllAsync(tx, userId, ct);
        await journal.AppendAsync(tx, clock.GetUtcNow(), actor, [new JournalDraft(JournalStreams.Accounts, "SignedOutEverywhere", username, new { sessionsEnded })], ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("{Sessions} sessions of {Username} ended by {Actor}", sessionsEnded, username, actor);
    }

    static string Actor(Caller? caller) => caller?.Username ?? "(cli)";

    /// <summary>An account and its roles, its row locked until the transaction ends.</summary>
    sealed record Account(long Id, string Username, DateTimeOffset? DisabledAt, IReadOnlyList<RoleGrant> Roles);

    /// <summary>
    /// The account named, if the caller administers it (<see cref="AccountAdministration"/>): unknown or out of
    /// sight is 404, seen but not administered 403.
    /// </summary>
    async Task<Account> AdministeredAsync(NpgsqlTransaction tx, string username, Caller? caller, CancellationToken ct)
    {
        var rows = (await tx.Connection!.QueryAsync<(long Id, string Username, DateTimeOffset? DisabledAt, string? Role, string? Code, string? Path)>(
            new CommandDefinition(
                """
                select u.id, u.username, u.disabled_at, r.role, o.code, o.path
                from app_user u left join user_role r on r.user_id = u.id left join org_unit o on o.id = r.org_unit_id
                where u.username = @username
                for no key update of u
                """, new { username = AccountRules.NormaliseUsername(username) }, tx, cancellationToken: ct))).ToList();
        var roles = rows.Where(r => r.Role is not null).Select(r => new RoleGrant(Enum.Parse<Role>(r.Role!), r.Code, r.Path)).ToList();
        if (rows.Count == 0 || caller is not null && !AccountAdministration.CanSee(caller, rows[0].Username, roles))
            throw new NotFoundException(Say.Text($"User '{username}' was not found.", $"未找到用户“{username}”。"));
        if (caller is not null && !AccountAdministration.CanAdminister(caller, roles))
            throw new ForbiddenException(Say.Text("Only a system administrator, or a district administrator over every role the user holds (over another district administrator: from above their unit), may do this.", "只有系统管理员，或管辖该用户全部角色的区级管理员（对另一区级管理员，须为其上级单位的管理员），才能执行此操作。"));
        return new Account(rows[0].Id, rows[0].Username, rows[0].DisabledAt, roles);
    }
}
