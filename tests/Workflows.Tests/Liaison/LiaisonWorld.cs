using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Liaison;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Organisation;
using CommunityWorkflows.Workflows.Tests.Runtime;

namespace CommunityWorkflows.Workflows.Tests.Liaison;

/// <summary>
/// A <see cref="World"/> (city, district, streets with a community each, a district and street leaders) plus
/// what liaison points need: a city leader, a unit seated in each street, a community officer at street 1's
/// community (its secretary) and a work-group member with an account (an inspector in every street).
/// </summary>
sealed class LiaisonWorld
{
    static readonly Caller Root = new(0, "root", [new RoleGrant(Role.SystemAdmin, null, null)]);

    LiaisonWorld(World world) => World = world;

    public World World { get; }
    public EngineFixture Engine => World.Engine;
    public int Year => World.Year;
    public string City => World.Prefix;
    public string Community(int street) => $"{World.Street(street)}-K1";
    public string Seated(int street) => $"{World.Street(street)}-U1";
    public string Name(string role) => World.Name(role);

    public static async Task<LiaisonWorld> CreateAsync(EngineFixture engine, int streets = 2)
    {
        var world = new LiaisonWorld(await World.CreateAsync(engine, streets));
        var rows = Enumerable.Range(1, streets)
            .Select(i => new OrgUnitImportRow(i - 1, null, world.Seated(i), $"第{i}街道供电所", nameof(OrgUnitKind.SeatedUnit), world.World.Street(i), null, "12"))
            .ToList();
        await engine.Get<OrgImport>().ImportAsync(rows, Root, CancellationToken.None);
        await world.UserAsync("city-leader", Role.Leader, world.City);
        await world.UserAsync("k1-officer", Role.CommunityOfficer, world.Community(1));
        await engine.Get<OrgUnits>().SetSecretaryAsync(world.Community(1), world.Name("k1-officer"), Root, CancellationToken.None);
        // a member holds a role in every street, so every leader of the world sees the account to name it
        await engine.Get<Users>().CreateAsync(new NewUser(world.Name("wg-member"), "pass-word-1", "wg-member",
            [.. Enumerable.Range(1, streets).Select(i => new RoleAssignment(nameof(Role.Inspector), world.World.Street(i)))]), null, CancellationToken.None);
        return world;
    }

    Task UserAsync(string role, Role grant, string unit) =>
        Engine.Get<Users>().CreateAsync(new NewUser(Name(role), "pass-word-1", role, [new RoleAssignment(grant.ToString(), unit)]), null, CancellationToken.None);

    public Task SetSecretaryAsync(string unit, string role) =>
        Engine.Get<OrgUnits>().SetSecretaryAsync(unit, Name(role), Root, CancellationToken.None);

    public Task<Caller> CallerAsync(string role) => Engine.Get<Users>().ActAsAsync(Name(role), CancellationToken.None);

    /// <summary>Moves the clock into the world's year (5 January, 10:00) so that points and visits can be recorded in it.</summary>
    public Task StartYearAsync() => World.AdvanceToAsync(1, 5);

    public Task AdvanceToAsync(int month, int day, int hour = 10) => World.AdvanceToAsync(month, day, hour);

    public LiaisonPointInput Point(string leaderRole, int street, params TargetInput[] targets) => new(
        Name(leaderRole), Community(street), Year, Seated(street),
        [new WorkGroupMemberInput("王工作组长", "组长", null, true), new WorkGroupMemberInput("赵联络员", "联络员", Name("wg-member"), false)],
        targets.Length > 0 ? targets : [new TargetInput("T1", "党组织标准化建设", $"{Year}-06-30"), new TargetInput("T2", "在职党员报到服务", $"{Year}-12-15")]);

    public async Task<LiaisonPointDetail> CreatePointAsync(string leaderRole, int street, params TargetInput[] targets) =>
        await Engine.Get<LiaisonPoints>().CreateAsync(Point(leaderRole, street, targets), await CallerAsync(leaderRole), CancellationToken.None);

    public async Task<IReadOnlyList<NotificationView>> InboxAsync(string role, string? kind = null) =>
        await Engine.Get<Inbox>().ListAsync(false, kind, 1000, null, await CallerAsync(role), CancellationToken.None);

    public string Date(int month, int day) => new DateOnly(Year, month, day).ToString("yyyy-MM-dd");
}
