using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Organisation;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Accounts;

public class AccountTests(EngineFixture engine) : IClassFixture<EngineFixture>, IAsyncLifetime
{
    static readonly Caller Admin = new(0, "admin", [new RoleGrant(Role.SystemAdmin, null, null)]);
    readonly string c = "A" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    public async Task InitializeAsync() =>
        await engine.Get<OrgImport>().ImportAsync([
            new(0, null, c, "市", "City", null, null, null),
            new(1, null, $"{c}-D1", "区一", "District", c, null, null),
            new(2, null, $"{c}-D2", "区二", "District", c, null, null),
            new(3, null, $"{c}-S1", "街道", "Street", $"{c}-D1", null, null),
        ], Admin, CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    string Name(string role) => $"{role}-{c.ToLowerInvariant()}";

    Task<UserView> CreateAsync(string username, Caller? caller, params RoleAssignment[] roles) =>
        engine.Get<Users>().CreateAsync(new NewUser(username, "correct-horse", null, roles), caller, CancellationToken.None);

    [Fact]
    public async Task A_user_gets_roles_scoped_to_units_and_a_hashed_password()
    {
        var user = await CreateAsync(Name("officer"), Admin, new RoleAssignment("StreetOfficer", $"{c}-S1"), new RoleAssignment("Leader", $"{c}-S1"));

        Assert.Equal([new RoleView(Role.StreetOfficer, $"{c}-S1"), new RoleView(Role.Leader, $"{c}-S1")], user.Roles);
        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        var hash = await connection.QuerySingleAsync<string>("select password_hash from app_user where username = @u", new { u = user.Username });
        Assert.DoesNotContain("correct-horse", hash);
        Assert.True(hash.Length > 40);
    }

    [Fact]
    public async Task A_second_user_with_the_same_name_conflicts()
    {
        await CreateAsync(Name("twice"), null, new RoleAssignment("Leader", c));
        await Assert.ThrowsAsync<ConflictException>(() => CreateAsync(Name("twice").ToUpperInvariant(), null, new RoleAssignment("Leader", c)));
    }

    [Fact]
    public async Task Every_bad_role_is_named_by_its_pointer()
    {
        var error = await Assert.ThrowsAsync<RuleViolationException>(() => CreateAsync(Name("bad"), Admin,
            new RoleAssignment("Mayor", c), new RoleAssignment("StreetOfficer", $"{c}-D1"), new RoleAssignment("Leader", "NOWHERE"), new RoleAssignment("Inspector", null), new RoleAssignment("SystemAdmin", c), null!));

        Assert.Equal(["/roles/0/role", "/roles/1/orgUnitCode", "/roles/2/orgUnitCode", "/roles/3/orgUnitCode", "/roles/4/orgUnitCode", "/roles/5"],
            error.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("Leader, Inspector")]
    [InlineData("Leader,Inspector")]
    [InlineData("4")]
    public async Task A_role_is_one_name_not_a_combination_or_a_number(string role)
    {
        var error = await Assert.ThrowsAsync<RuleViolationException>(() => CreateAsync(Name("combo"), Admin, new RoleAssignment(role, c)));

        var only = Assert.Single(error.Errors);
        Assert.Equal("/roles/0/role", only.Field);
        Assert.Contains("expected one of SystemAdmin, DistrictAdmin, StreetOfficer, CommunityOfficer, Leader, Inspector.", only.Message);
    }

    [Fact]
    public async Task A_district_admin_grants_only_inside_its_district_and_never_system_admin()
    {
        var districtAdmin = new Caller(5, "da", [new RoleGrant(Role.DistrictAdmin, $"{c}-D1", $"/{c}/{c}-D1/")]);

        await CreateAsync(Name("inside"), districtAdmin, new RoleAssignment("StreetOfficer", $"{c}-S1"));
        var outside = await Assert.ThrowsAsync<RuleViolationException>(() => CreateAsync(Name("outside"), districtAdmin, new RoleAssignment("DistrictAdmin", $"{c}-D2")));
        var root = await Assert.ThrowsAsync<RuleViolationException>(() => CreateAsync(Name("root"), districtAdmin, new RoleAssignment("SystemAdmin", null)));

        Assert.Equal("/roles/0/orgUnitCode", Assert.Single(outside.Errors).Field);
        Assert.Equal("/roles/0/role", Assert.Single(root.Errors).Field);
    }

    [Fact]
    public async Task An_officer_cannot_create_users() =>
        await Assert.ThrowsAsync<ForbiddenException>(() => CreateAsync(Name("x"),
            new Caller(6, "so", [new RoleGrant(Role.StreetOfficer, $"{c}-S1", $"/{c}/{c}-D1/{c}-S1/")]), new RoleAssignment("Leader", $"{c}-S1")));

    [Fact]
    public async Task Bootstrap_creates_the_admin_only_on_an_installation_without_users()
    {
        var users = engine.Get<Users>();
        await CreateAsync(Name("someone"), null, new RoleAssignment("Leader", c));
        Assert.False(await users.BootstrapAdminAsync("admin-password", CancellationToken.None));
    }
}
