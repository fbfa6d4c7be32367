using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Workflows.Clock;
using CommunityWorkflows.Workflows.Timers;
using Npgsql;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Organisation;
using CommunityWorkflows.Workflows.Runtime;

namespace CommunityWorkflows.Workflows.Tests.Runtime;

/// <summary>
/// A district of its own for one test: streets with secretaries and officers, a district secretary, a
/// district admin and an inspector, with unique codes so that tests sharing a database never meet.
/// </summary>
sealed class World
{
    static readonly Caller Root = new(0, "root", [new RoleGrant(Role.SystemAdmin, null, null)]);

    World(EngineFixture engine, string prefix, int streets) => (Engine, Prefix, Streets) = (engine, prefix, streets);

    public EngineFixture Engine { get; }
    public string Prefix { get; }
    public int Streets { get; }
    public string District => $"{Prefix}-D";
    public string Street(int i) => $"{Prefix}-S{i}";
    public string Name(string role) => $"{Prefix.ToLowerInvariant()}.{role}";

    public static async Task<World> CreateAsync(EngineFixture engine, int streets = 2, bool secretaries = true)
    {
        var world = new World(engine, "W" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant(), streets)
        {
            Year = ChinaTime.DateOf(engine.Clock.GetUtcNow()).Year + 1,
        };
        var rows = new List<OrgUnitImportRow>
        {
            new(0, null, world.Prefix, "测试市", "City", null, null, null),
            new(1, null, world.District, "测试区", "District", world.Prefix, null, null),
        };
        for (var i = 1; i <= streets; i++)
        {
            rows.Add(new(rows.Count, null, world.Street(i), $"第{i}街道", "Street", world.District, null, null));
            rows.Add(new(rows.Count, null, $"{world.Street(i)}-K1", $"第{i}街道一社区", "Community", world.Street(i), null, "30"));
        }
        await engine.Get<OrgImport>().ImportAsync(rows, Root, CancellationToken.None);
        await world.UserAsync("district-admin", new RoleAssignment("DistrictAdmin", world.District));
        await world.UserAsync("inspector", new RoleAssignment("Inspector", world.District));
        await world.UserAsync("district-secretary", new RoleAssignment("Leader", world.District));
        if (secretaries)
            await engine.Get<OrgUnits>().SetSecretaryAsync(world.District, world.Name("district-secretary"), Root, CancellationToken.None);
        for (var i = 1; i <= Math.Min(streets, 3); i++)
        {
            await world.UserAsync($"s{i}-secretary", new RoleAssignment("Leader", world.Street(i)));
            await world.UserAsync($"s{i}-officer", new RoleAssignment("StreetOfficer", world.Street(i)));
            if (secretaries)
                await engine.Get<OrgUnits>().SetSecretaryAsync(world.Street(i), world.Name($"s{i}-secretary"), Root, CancellationToken.None);
        }
        return world;
    }

    Task UserAsync(string role, RoleAssignment assignment) =>
        Engine.Get<Users>().CreateAsync(new NewUser(Name(role), "pass-word-1", role, [assignment]), null, CancellationToken.None);

    /// <summary>The signed-in caller for one of this world's people, as the API would see them.</summary>
    public async Task<Caller> CallerAsync(string role)
    {
        var tokens = Engine.Get<AccessTokens>();
        var token = await tokens.IssueAsync(Name(role), "pass-word-1", "192.0.2.1", CancellationToken.None) ?? throw new InvalidOperationException($"No login for {role}.");
        return await tokens.AuthenticateAsync(token.Value, CancellationToken.None) ?? throw new InvalidOperationException();
    }

    /// <summary>
    /// The year this world's cycles run in: the year after the shared clock's, so that a test may move the
    /// clock through it without meeting another test's dates.
    /// </summary>
    public int Year { get; private set; }

    public ClockAdvancer Advancer => Engine.Get<ClockAdvancer>();

    /// <summary>Moves the clock to <paramref name="month"/>/<paramref name="day"/> of <see cref="Year"/>, 10:00 China time, firing what falls due.</summary>
    public Task AdvanceToAsync(int month, int day, int hour = 10, int? year = null) =>
        Advancer.AdvanceToAsync(ChinaTime.At(new DateOnly(year ?? Year, month, day), hour), CancellationToken.None);

    /// <summary>Launches for <see cref="Year"/> (first moving the clock to its 5 January) or for another year.</summary>
    public async Task<CycleView> LaunchAsync(TemplateDefinition? definition = null, int? year = null)
    {
        if (year is null) await AdvanceToAsync(1, 5);
        return await Engine.Get<CycleLauncher>().LaunchAsync(
            new LaunchRequest("test-annual", 1, definition ?? TestTemplates.Annual, year ?? Year, District), await CallerAsync("district-admin"), CancellationToken.None);
    }
}
