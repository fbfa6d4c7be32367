using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Organisation;
using CommunityWorkflows.Domain.Errors;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Host.Tools.Demo;

/// <summary>
/// Loads <see cref="DemoCity"/> and a user for every role through the same engine calls the API uses,
/// then prints each user's password once. Every step can be repeated: a run cut short is finished by the
/// next (people who already exist keep their passwords), and a complete city is left as it is.
/// </summary>
static class DemoSeeder
{
    sealed record DemoUser(string Username, string DisplayName, RoleAssignment[] Roles, string? SecretaryOf = null);

    static readonly Caller Seeder = new(0, "(seed-demo)", [new RoleGrant(Role.SystemAdmin, null, null)]);

    public static async Task SeedAsync(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        await using (var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(ct))
        {
            var present = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "select (select count(*) from org_unit where code = @city) + (select count(*) from app_user where username = any(@usernames))",
                new { city = DemoCity.CityCode, usernames = Usernames.ToArray() }, cancellationToken: ct));
            if (present == 1 + Usernames.Count)
            {
                // a run cut short after the people were in still owes the liaison points; the call adds only missing ones
                await DemoLiaisonPoints.SeedAsync(services, Seeder, ct);
                await output.WriteLineAsync("The demo city (JC 江城市) is already loaded; its passwords were printed when it was created.");
                return;
            }
        }

        var imported = await services.GetRequiredService<OrgImport>().ImportAsync(DemoCity.Rows().ToList(), Seeder, ct);
        var users = services.GetRequiredService<Users>();
        var orgUnits = services.GetRequiredService<OrgUnits>();
        var table = new List<(DemoUser User, string Password)>();
        foreach (var user in People())
        {
            var password = DemoPasswords.Generate();
            try
            {
                await users.CreateAsync(new NewUser(user.Username, password, user.DisplayName, user.Roles), null, ct);
            }
            catch (ConflictException)
            {
                password = "(exists, unchanged)"; // left by an earlier run that was cut short, or by another process seeding at once
            }
            if (user.SecretaryOf is not null)
                await orgUnits.SetSecretaryAsync(user.SecretaryOf, user.Username, Seeder, ct);
            table.Add((user, password));
        }
        var liaisonPoints = await DemoLiaisonPoints.SeedAsync(services, Seeder, ct);

        await output.WriteLineAsync($"Demo city loaded: {imported.Created} org units, {table.Count} users, {liaisonPoints} liaison points " +
            $"({DemoLiaisonPoints.LeaderWithoutPoint} deliberately has none). Passwords are shown this once:");
        await output.WriteLineAsync();
        foreach (var (user, password) in table)
            await output.WriteLineAsync($"  {user.Username,-16} {password}  {string.Join(" ", user.Roles.Select(r => r.OrgUnitCode is null ? r.Role : $"{r.Role}@{r.OrgUnitCode}")),-40} {user.DisplayName}");
        await output.WriteLineAsync();
        await output.WriteLineAsync("Change them before the demo is shared: each person with PUT /api/me/password, or an operator with `users reset-password --username <name>`.");
        await output.WriteLineAsync();
    }

    /// <summary>The demo city's people by username, for tools that act as them (simulate, bench).</summary>
    public static IReadOnlyList<string> Usernames => People().Select(p => p.Username).ToList();

    static IEnumerable<DemoUser> People()
    {
        static RoleAssignment R(Role role, string? code = null) => new(role.ToString(), code);

        yield return new("demo.admin", "演示系统管理员", [R(Role.SystemAdmin)]);
        yield return new("city.leader1", "市委副书记 周明", [R(Role.Leader, DemoCity.CityCode)]);
        yield return new("city.leader2", "市委组织部部长 吴岚", [R(Role.Leader, DemoCity.CityCode)]);
        yield return new("city.inspector", "市委督查组 郑强", [R(Role.Inspector, DemoCity.CityCode)]);
        foreach (var district in DemoCity.Districts)
        {
            var d = district.Code[3..].ToLowerInvariant();
            yield return new($"{d}.secretary", $"{district.Name}委书记（第一责任人）", [R(Role.Leader, district.Code)], district.Code);
            yield return new($"{d}.admin", $"{district.Name}委组织部", [R(Role.DistrictAdmin, district.Code)]);
            yield return new($"{d}.inspector", $"{district.Name}委督查组", [R(Role.Inspector, district.Code)]);
            foreach (var street in district.Streets)
            {
                yield return new($"{street.Prefix}.secretary", $"{street.Name}党工委书记（直接责任人）",
                    [R(Role.StreetOfficer, street.Code), R(Role.Leader, street.Code)], street.Code);
                for (var i = 0; i < 5; i++)
                {
                    var code = DemoCity.CommunityCode(street, i);
                    yield return new($"{street.Prefix}{i + 1:00}.officer", $"{street.Name[..2]}第{i + 1}社区党组织书记", [R(Role.CommunityOfficer, code)], code);
                }
            }
        }
    }
}
