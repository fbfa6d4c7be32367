using System.CommandLine;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Host.Tools.Demo;
using CommunityWorkflows.Workflows.Accounts;

namespace CommunityWorkflows.Host.Cli;

/// <summary>
/// <c>users add|disable|enable|reset-password|unlock|sign-out</c>: a local operator's account work, with every right (the
/// CLI runs on the server, next to the database); each change is journaled with the actor <c>(cli)</c>.
/// </summary>
static class UsersVerb
{
    public static Command Create() => new("users", "Manage user accounts.")
    {
        Add(),
        Control("disable", "Disable an account: it cannot sign in, and its sessions end at once.",
            async (users, username, ct) => Describe(await users.DisableAsync(username, null, ct))),
        Control("enable", "Let a disabled account sign in again.",
            async (users, username, ct) => Describe(await users.EnableAsync(username, null, ct))),
        Control("unlock", "End every lock on an account after failed logins, from every address.",
            async (users, username, ct) => Describe(await users.UnlockAsync(username, null, ct))),
        ResetPassword(),
        Control("sign-out", "End every session of a user: API tokens, UI sessions and the calendar link.", async (users, username, ct) =>
        {
            await users.SignOutAsync(username, null, ct);
            return $"{AccountRules.NormaliseUsername(username)}: every session ended.";
        }),
    };

    static Option<string> Username() => new("--username") { Description = "Login name (a-z, 0-9, '.', '_', '-').", Required = true };

    static Option<string?> Password() => new("--password") { Description = "At least 8 characters; generated and printed when left out." };

    static Command Add()
    {
        var username = Username();
        var password = Password();
        var displayName = new Option<string?>("--display-name") { Description = "The name people see." };
        var roles = new Option<string[]>("--role")
        {
            Description = "Role[@OrgUnitCode], repeatable: SystemAdmin, DistrictAdmin@D1, StreetOfficer@S1, CommunityOfficer@C1, Leader@D1, Inspector@D1.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var add = new Command("add", "Create a user with one or more scoped roles.") { username, password, displayName, roles };
        add.TreatUnmatchedTokensAsErrors = false;
        add.SetAction((parse, ct) => RunAsync(parse, async (services, ct) =>
        {
            var generated = parse.GetValue(password) is null;
            var secret = parse.GetValue(password) ?? DemoPasswords.Generate();
            var assignments = parse.GetValue(roles)!.Select(RolePlacement.ParseSpec).Select(r => new RoleAssignment(r.Role, r.OrgUnitCode)).ToList();
            var user = await services.GetRequiredService<Users>().CreateAsync(
                new NewUser(parse.GetValue(username), secret, parse.GetValue(displayName), assignments), null, ct);
            Console.WriteLine($"Created {user.Username} ({string.Join(", ", user.Roles.Select(r => r.OrgUnitCode is null ? $"{r.Role}" : $"{r.Role}@{r.OrgUnitCode}"))}).");
            if (generated) Console.WriteLine($"Password (shown once): {secret}");
        }, ct));
        return add;
    }

    static Command ResetPassword()
    {
        var username = Username();
        var password = Password();
        var reset = new Command("reset-password", "Set a new password; the account's locks are lifted and its sessions end.") { username, password };
        reset.TreatUnmatchedTokensAsErrors = false;
        reset.SetAction((parse, ct) => RunAsync(parse, async (services, ct) =>
        {
            var generated = parse.GetValue(password) is null;
            var secret = parse.GetValue(password) ?? DemoPasswords.Generate();
            var name = parse.GetValue(username)!;
            await services.GetRequiredService<Users>().ResetPasswordAsync(name, secret, null, ct);
            Console.WriteLine($"Password of {AccountRules.NormaliseUsername(name)} reset; every session ended.");
            if (generated) Console.WriteLine($"Password (shown once): {secret}");
        }, ct));
        return reset;
    }

    static Command Control(string name, string description, Func<Users, string, CancellationToken, Task<string>> action)
    {
        var username = Username();
        var command = new Command(name, description) { username };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => RunAsync(parse, async (services, ct) =>
            Console.WriteLine(await action(services.GetRequiredService<Users>(), parse.GetValue(username)!, ct)), ct));
        return command;
    }

    static string Describe(UserView user) =>
        $"{user.Username}: {(user.Disabled == true ? "disabled" : "enabled")}, {(user.LockedUntil is { } until ? $"locked until {until:O}" : "not locked")}.";

    /// <summary>Runs one piece of account work in a tool host; a broken rule, an unknown user or a conflict is exit code 3.</summary>
    static async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, CancellationToken, Task> work, CancellationToken ct)
    {
        await using var host = await ToolHost.StartAsync(parse.UnmatchedTokens, ct);
        try
        {
            await work(host.Services, ct);
            return 0;
        }
        catch (RuleViolationException e)
        {
            foreach (var error in e.Errors) Console.Error.WriteLine($"{error.Field}: {error.Message}");
            return 3;
        }
        catch (Exception e) when (e is ConflictException or NotFoundException)
        {
            Console.Error.WriteLine(e.Message);
            return 3;
        }
    }
}
