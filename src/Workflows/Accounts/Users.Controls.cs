using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using Microsoft.Extensions.Logging;

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
        var (name, sessionsEnded) = await commands.RunAsync(caller, Actor(caller), async scope =>
        {
            var account = await AdministeredAsync(scope, username, caller);
            if (caller is not null && caller.Username == account.Username)
                throw new ForbiddenException(Say.Text("You cannot disable your own account; another administrator can.", "不能停用本人账号，请由其他管理员操作。"));
            if (account.DisabledAt is not null) return (account.Username, (int?)null);
            await scope.ExecuteAsync("update app_user set disabled_at = @now where id = @id", new { now = scope.Now, id = account.Id });
            var ended = await Sessions.EndAllAsync(scope.Transaction, account.Id, scope.Cancellation);
            scope.Journal(new JournalDraft(JournalStreams.Accounts, "UserDisabled", account.Username, new { sessionsEnded = ended }));
            return (account.Username, (int?)ended);
        }, ct);
        if (sessionsEnded is not null)
            logger.LogInformation("User {Username} disabled by {Actor}; {Sessions} sessions ended", name, Actor(caller), sessionsEnded);
        return await ViewAsync(name, caller, ct);
    }

    /// <summary>Lets a disabled account sign in again (its failed logins stand; <see cref="UnlockAsync"/> clears them).</summary>
    public async Task<UserView> EnableAsync(string username, Caller? caller, CancellationToken ct)
    {
        var (name, enabled) = await commands.RunAsync(caller, Actor(caller), async scope =>
        {
            var account = await AdministeredAsync(scope, username, caller);
            if (account.DisabledAt is null) return (account.Username, false);
            await scope.ExecuteAsync("update app_user set disabled_at = null where id = @id", new { id = account.Id });
            scope.Journal(new JournalDraft(JournalStreams.Accounts, "UserEnabled", account.Username));
            return (account.Username, true);
        }, ct);
        if (enabled)
            logger.LogInformation("User {Username} enabled by {Actor}", name, Actor(caller));
        return await ViewAsync(name, caller, ct);
    }

    /// <summary>
    /// Forgets the account's failed logins from every address, ending every lock on it (an address locked out of
    /// every account stays so until its lock ends); journaled when a lock was in force.
    /// </summary>
    public async Task<UserView> UnlockAsync(string username, Caller? caller, CancellationToken ct)
    {
        var (name, locksEnded) = await commands.RunAsync(caller, Actor(caller), async scope =>
        {
            var account = await AdministeredAsync(scope, username, caller);
            var ended = await LoginLocks.ClearAsync(scope.Transaction, account.Id, null, security.UtcNow, scope.Cancellation);
            if (ended > 0)
                scope.Journal(new JournalDraft(JournalStreams.Accounts, "AccountUnlocked", account.Username, new { locksEnded = ended }));
            return (account.Username, ended);
        }, ct);
        if (locksEnded > 0)
            logger.LogInformation("User {Username} unlocked by {Actor}: {Locks} locks ended", name, Actor(caller), locksEnded);
        return await ViewAsync(name, caller, ct);
    }

    /// <summary>
    /// Sets a new password for someone else (one's own needs the current one: <see cref="ChangeOwnPasswordAsync"/>);
    /// their locks are lifted and their sessions end.
    /// </summary>
    public async Task ResetPasswordAsync(string username, string? password, Caller? caller, CancellationToken ct)
    {
        var (name, sessionsEnded) = await commands.RunAsync(caller, Actor(caller), async scope =>
        {
            var account = await AdministeredAsync(scope, username, caller);
            if (caller is not null && caller.Username == account.Username)
                throw new ForbiddenException(Say.Text("Change your own password with PUT /api/me/password, giving the current one.", "修改本人密码请使用 PUT /api/me/password，并提供当前密码。"));
            if (AccountRules.CheckPassword(password).ToList() is { Count: > 0 } errors)
                throw new RuleViolationException(errors, Say.Text("The password was not reset.", "密码未重置。"));
            return (account.Username, await SetPasswordAsync(scope, account.Id, account.Username, password!, "PasswordReset"));
        }, ct);
        logger.LogInformation("Password of {Username} reset by {Actor}; {Sessions} sessions ended", name, Actor(caller), sessionsEnded);
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
        LoginAttempts.Verified attempt;
        await using (var connection = await db.OpenConnectionAsync(ct))
            attempt = await logins.VerifyAsync(connection, caller.Username, currentPassword, ct);
        // a failure is counted (committed), nothing else is written
        var sessionsEnded = await commands.RunAsync(caller, async scope =>
        {
            if (!await logins.SettleAsync(scope.Transaction, attempt, address, scope.Cancellation))
                errors.Insert(0, new FieldError("/currentPassword",
                    Say.Text("The current password is wrong, or this address is locked out of the account for a while after repeated failures.", "当前密码错误，或因多次输错，本地址暂时无法登录该账号。")));
            if (errors.Count > 0) return (int?)null;
            return await SetPasswordAsync(scope, caller.UserId, caller.Username, password!, "PasswordChanged");
        }, ct);
        if (sessionsEnded is null)
            throw new RuleViolationException(errors, Say.Text("The password was not changed.", "密码未修改。"));
        logger.LogInformation("User {Username} changed their password; {Sessions} sessions ended", caller.Username, sessionsEnded);
    }

    /// <summary>A new password: the account's locks lifted, its sessions ended (how many is answered), journaled as <paramref name="action"/>.</summary>
    async Task<int> SetPasswordAsync(CommandScope scope, long userId, string username, string password, string action)
    {
        await scope.ExecuteAsync("update app_user set password_hash = @hash where id = @id", new { hash = hasher.HashPassword(username, password), id = userId });
        await LoginLocks.ClearAsync(scope.Transaction, userId, null, security.UtcNow, scope.Cancellation);
        var sessionsEnded = await Sessions.EndAllAsync(scope.Transaction, userId, scope.Cancellation);
        scope.Journal(new JournalDraft(JournalStreams.Accounts, action, username, new { sessionsEnded }));
        return sessionsEnded;
    }

    /// <summary>Ends every session of the account (by an administrator of it).</summary>
    public Task SignOutAsync(string username, Caller? caller, CancellationToken ct) =>
        EndSessionsAsync(caller, Actor(caller), scope => AdministeredAsync(scope, username, caller), ct);

    /// <summary>Ends every session of the caller, on every device, this one included.</summary>
    public Task SignOutEverywhereAsync(Caller caller, CancellationToken ct) =>
        EndSessionsAsync(caller, caller.Username, async scope =>
        {
            await scope.ExecuteAsync("select 1 from app_user where id = @id for no key update", new { id = caller.UserId });
            return new Account(caller.UserId, caller.Username, null, []);
        }, ct);

    async Task EndSessionsAsync(Caller? caller, string actor, Func<CommandScope, Task<Account>> locked, CancellationToken ct)
    {
        var (username, sessionsEnded) = await commands.RunAsync(caller, actor, async scope =>
        {
            var account = await locked(scope);
            var ended = await Sessions.EndAllAsync(scope.Transaction, account.Id, scope.Cancellation);
            scope.Journal(new JournalDraft(JournalStreams.Accounts, "SignedOutEverywhere", account.Username, new { sessionsEnded = ended }));
            return (account.Username, ended);
        }, ct);
        logger.LogInformation("{Sessions} sessions of {Username} ended by {Actor}", sessionsEnded, username, actor);
    }

    static string Actor(Caller? caller) => caller?.Username ?? "(cli)";

    /// <summary>An account and its roles, its row locked until the transaction ends.</summary>
    sealed record Account(long Id, string Username, DateTimeOffset? DisabledAt, IReadOnlyList<RoleGrant> Roles);

    /// <summary>
    /// The account named, if the caller administers it (<see cref="AccountAdministration"/>): unknown or out of
    /// sight is 404, seen but not administered 403.
    /// </summary>
    static async Task<Account> AdministeredAsync(CommandScope scope, string username, Caller? caller)
    {
        var rows = await scope.QueryAsync<(long Id, string Username, DateTimeOffset? DisabledAt, string? Role, string? Code, string? Path)>(
            """
            select u.id, u.username, u.disabled_at, r.role, o.code, o.path
            from app_user u left join user_role r on r.user_id = u.id left join org_unit o on o.id = r.org_unit_id
            where u.username = @username
            for no key update of u
            """, new { username = AccountRules.NormaliseUsername(username) });
        var roles = rows.Where(r => r.Role is not null).Select(r => new RoleGrant(Enum.Parse<Role>(r.Role!), r.Code, r.Path)).ToList();
        if (rows.Count == 0 || caller is not null && !AccountAdministration.CanSee(caller, rows[0].Username, roles))
            throw new NotFoundException(Say.Text($"User '{username}' was not found.", $"未找到用户“{username}”。"));
        if (caller is not null && !AccountAdministration.CanAdminister(caller, roles))
            throw new ForbiddenException(Say.Text("Only a system administrator, or a district administrator over every role the user holds (over another district administrator: from above their unit), may do this.", "只有系统管理员，或管辖该用户全部角色的区级管理员（对另一区级管理员，须为其上级单位的管理员），才能执行此操作。"));
        return new Account(rows[0].Id, rows[0].Username, rows[0].DisabledAt, roles);
    }
}
