using CommunityWorkflows.Testing.Host;
using System.Net.Http.Headers;
using CommunityWorkflows.Contract.Tests.Client;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Contract.Tests;

/// <summary>
/// A client generated from <c>docs/openapi.json</c> alone (NSwag, at build time) does a district's work against
/// the real host: sign in, import the tree, create the people, launch the year's cycle, submit a task as the
/// street and accept it as the district. If the document and the API disagree, this does not compile or fails.
/// </summary>
public class ClientJourneyTests(HostFixture host) : IClassFixture<HostFixture>
{
    async Task<CommunityWorkflowsClient> SignInAsync(string username, string password)
    {
        var http = host.Anonymous();
        var token = await new CommunityWorkflowsClient(http).IssueTokenAsync(new TokenRequest { Username = username, Password = password });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(token.TokenType, token.AccessToken);
        return new CommunityWorkflowsClient(http);
    }

    [Fact]
    public async Task A_generated_client_launches_a_cycle_submits_a_task_and_reviews_it()
    {
        var p = "GC" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var admin = await SignInAsync("admin", HostFixture.AdminPassword);

        var imported = await admin.ImportOrgUnitsAsync(
        [
            new OrgUnitImportItem { Code = p, Name = "江城市", Kind = "City" },
            new OrgUnitImportItem { Code = $"{p}-D", Name = "东湖区", Kind = "District", ParentCode = p, PartyOrgLevel = "Committee" },
            new OrgUnitImportItem { Code = $"{p}-S", Name = "柳湾街道", Kind = "Street", ParentCode = $"{p}-D", MemberCount = 120 },
        ]);
        Assert.Equal(3, imported.Created);
        var street = await admin.GetOrgUnitAsync($"{p}-S");
        Assert.Null(street.PartyOrgLevel);
        Assert.Equal(PartyOrgLevel.Committee, street.SuggestedPartyOrgLevel);

        var officer = $"{p.ToLowerInvariant()}.officer";
        var districtAdmin = $"{p.ToLowerInvariant()}.admin";
        await admin.CreateUserAsync(new NewUser { Username = officer, Password = "pass-word-1", DisplayName = "街道书记", Roles = [new RoleAssignment { Role = "StreetOfficer", OrgUnitCode = $"{p}-S" }] });
        await admin.CreateUserAsync(new NewUser { Username = districtAdmin, Password = "pass-word-1", Roles = [new RoleAssignment { Role = "DistrictAdmin", OrgUnitCode = $"{p}-D" }] });
        var secretary = await admin.SetSecretaryAsync($"{p}-S", new SecretaryRequest { Username = officer });
        Assert.Equal(officer, secretary.Secretary!.Username);

        var year = ChinaTime.DateOf(host.Clock.GetUtcNow()).Year + 1;
        host.Clock.MoveTo(ChinaTime.At(new DateOnly(year, 1, 5), 10));
        var district = await SignInAsync(districtAdmin, "pass-word-1");
        var cycle = await district.LaunchCycleAsync(new LaunchBody { TemplateKey = "annual-responsibility", Year = year, ScopeCode = $"{p}-D" });
        Assert.Equal(("Running", 1), (cycle.Status, cycle.ParticipantCount));

        var street1 = await SignInAsync(officer, "pass-word-1");
        var me = await street1.GetMeAsync();
        Assert.Null(me.LeaderLevel);
        var tasks = await street1.ListTasksAsync(cycleId: cycle.Id);
        TaskDetail? detail = null;
        foreach (var task in tasks.Where(t => t.Status == "Open"))
            if ((await street1.GetTaskAsync(task.Id)) is { TaskKey: "targets" } found) detail = found;
        Assert.NotNull(detail);
        var targets = detail;
        Assert.True(detail.CanSubmit);
        Assert.Contains(detail.Form, f => f.Key == "keyTaskCount" && f.Type == "integer" && f.Required);

        var refused = await Assert.ThrowsAsync<ApiException<ApiProblem>>(() => street1.SubmitTaskAsync(targets.Id, new SubmitRequest { Data = new Dictionary<string, object>() }));
        Assert.Equal(422, refused.StatusCode);
        Assert.Contains("/data/goals", refused.Result.Errors!.Keys);

        var submitted = await street1.SubmitTaskAsync(targets.Id, new SubmitRequest
        {
            Data = new Dictionary<string, object> { ["goals"] = "抓好班子建设", ["keyMeasures"] = "每季度专题研究", ["keyTaskCount"] = 5 },
            Comment = "请审核",
        });
        Assert.Equal("Submitted", submitted.Status);

        var reviewed = await district.ReviewTaskAsync(targets.Id, new ReviewRequest { Decision = "Accept", Comment = "同意" });
        Assert.Equal("Accepted", reviewed.Status);
        var stage = (await district.GetCycleAsync(cycle.Id)).Stages.Single(s => s.Key == "TargetSetting");
        Assert.Equal(1, stage.Accepted);
        Assert.True((await district.VerifyCycleJournalAsync(cycle.Id)).Valid);
        Assert.Empty(host.Contract.Violations);
    }

    [Fact]
    public async Task A_generated_client_reads_problems_as_problems()
    {
        var admin = await SignInAsync("admin", HostFixture.AdminPassword);

        var missing = await Assert.ThrowsAsync<ApiException<ApiProblem>>(() => admin.GetCycleAsync(987_654_321));
        Assert.Equal((404, 404), (missing.StatusCode, missing.Result.Status));

        var anonymous = new CommunityWorkflowsClient(host.Anonymous());
        var unauthorised = await Assert.ThrowsAsync<ApiException<ApiProblem>>(() => anonymous.GetMeAsync());
        Assert.Equal(401, unauthorised.StatusCode);
        Assert.False(string.IsNullOrEmpty(unauthorised.Result.TraceId));
    }
}
