using System.CommandLine;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Host.Demo;
using CommunityWorkflows.Workflows.Accounts;

namespace CommunityWorkflows.Host.Cli;

static class UsersVerb
{
    public static Command Create()
    {
        var username = new Option<string>("--username") { Description = "Login name (a-z, 0-9, '.', '_', '-').", Required = true };
        var password = new Option<string?>("--password") { Description = "At least 8 characters; generated and printed when left out." };
        var displayName = new Option<string?>("--display-name") { Description = "The name people see." };
        var roles = new Option<string[]>("--role")
        {
            Description = "Role[@OrgUnitCode], repeatable: SystemAdmin, DistrictAdmin@D1, StreetOfficer@S1, CommunityOfficer@C1, Leader@D1, Inspector@D1.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var add = new Command("add", "Create a user with one or more scoped roles.") { username, password, displayName, roles };
        add.TreatUnmatchedTokensAsErrors = false;
        add.SetAction(async (parse, ct) =>
        {
            await using var host = await ToolHost.StartAsync(parse.UnmatchedTokens, ct);
            var generated = parse.GetValue(password) is null;
            var secret = parse.GetValue(password) ?? DemoPasswords.Generate();
            var assignments = parse.GetValue(roles)!.Select(RolePlacement.ParseSpec).Select(r => new RoleAssignment(r.Role, r.OrgUnitCode)).ToList();
            try
            {
                var user = await host.Services.GetRequiredService<Users>().CreateAsync(
                    new NewUser(parse.GetValue(username), secret, parse.GetValue(displayName), assignments), null, ct);
                Console.WriteLine($"Created {user.Username} ({string.Join(", ", user.Roles.Select(r => r.OrgUnitCode is null ? $"{r.Role}" : $"{r.Role}@{r.OrgUnitCode}"))}).");
                if (generated) Console.WriteLine($"Password (shown once): {secret}");
                return 0;
            }
            catch (RuleViolationException e)
            {
                foreach (var error in e.Errors) Console.Error.WriteLine($"{error.Field}: {error.Message}");
                return 3;
            }
            catch (ConflictException e)
            {
                Console.Error.WriteLine(e.Message);
                return 3;
            }
        });
        return new Command("users", "Manage user accounts.") { add };
    }
}
