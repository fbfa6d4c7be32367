using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Runtime;

namespace CommunityWorkflows.Host.Tests.Api;

public class AssessmentApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    static readonly Caller Root = new(0, "root", [new RoleGrant(Role.SystemAdmin, null, null)]);
    static readonly byte[] Pdf = "%PDF-1.7\n% 佐证\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    sealed record Setup(string Prefix, long CycleId, int Year, HttpClient DistrictAdmin, HttpClient Inspector, HttpClient Officer, HttpClient OtherOfficer);

    /// <summary>A district of two streets with its people, and a cycle of the assessed test template for a year of its own.</summary>
    async Task<Setup> SetUpAsync()
    {
        var p = "A" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var admin = await host.ClientAsync();
        var csv = $"code,name,kind,parentCode\n{p},测试市,City,\n{p}-D,测试区,District,{p}\n{p}-S1,一街道,Street,{p}-D\n{p}-S2,二街道,Street,{p}-D\n";
        (await admin.PostAsync("/api/org-units/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        foreach (var (user, role, unit) in new[] { ("da", "DistrictAdmin", "D"), ("in", "Inspector", "D"), ("o1", "StreetOfficer", "S1"), ("o2", "StreetOfficer", "S2") })
            (await admin.PostAsJsonAsync("/api/users", new { username = $"{p.ToLowerInvariant()}.{user}", password = "pass-word-1", roles = new[] { new { role, orgUnitCode = $"{p}-{unit}" } } })).EnsureSuccessStatusCode();
        var year = ChinaTime.DateOf(host.Clock.GetUtcNow()).Year + 1;
        host.Clock.MoveTo(ChinaTime.At(new DateOnly(year, 1, 5), 10));
        var cycle = await host.Get<CycleLauncher>().LaunchAsync(new LaunchRequest("test-annual", 1, AssessmentTemplates.Annual, year, $"{p}-D"), Root, CancellationToken.None);
        Task<HttpClient> As(string user) => host.ClientAsync($"{p.ToLowerInvariant()}.{user}", "pass-word-1");
        return new Setup(p, cycle.Id, year, await As("da"), await As("in"), await As("o1"), await As("o2"));
    }

    static byte[] ZipOf(string entry)
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            zip.CreateEntry(entry).Open().Dispose();
        return stream.ToArray();
    }

    [Fact]
    public async Task A_rectifications_evidence_stays_within_scope_and_findings_answer_with_problems()
    {
        var s = await SetUpAsync();
        var finding = await s.Inspector.PostJsonAsync($"/api/cycles/{s.CycleId}/findings",
            new { orgUnitCode = $"{s.Prefix}-S1", description = "党建阵地台账缺失", severity = "Serious", indicatorCode = "work", rectifyWithinDays = 3 }, HttpStatusCode.Created);
        var taskId = finding.GetProperty("rectificationTaskId").GetInt64();
        Assert.Equal(("Serious", "inspector"), (finding.GetProperty("severity").GetString(), finding.GetProperty("reviewer").GetString()));
        Assert.Equal([s.Year], finding.GetProperty("assumedYears").EnumerateArray().Select(y => y.GetInt32()));

        var evidence = await s.Officer.PostAsync($"/api/tasks/{taskId}/evidence", new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "台账.pdf" } }).JsonAsync(HttpStatusCode.Created);
        var evidenceId = evidence.GetProperty("id").GetInt64();
        var workbook = await s.DistrictAdmin.GetByteArrayAsync($"/api/cycles/{s.CycleId}/results.xlsx");
        var office = await s.Officer.PostAsync($"/api/tasks/{taskId}/evidence", new MultipartFormDataContent { { new ByteArrayContent(workbook), "file", "整改台账.xlsx" } }).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", office.GetProperty("contentType").GetString());
        var renamed = await s.Officer.PostAsync($"/api/tasks/{taskId}/evidence", new MultipartFormDataContent { { new ByteArrayContent(ZipOf("setup.exe")), "file", "整改报告.docx" } });
        Assert.Equal(["/file"], (await renamed.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.Equal(Pdf, await s.Inspector.GetByteArrayAsync($"/api/evidence/{evidenceId}"));
        await (await s.OtherOfficer.GetAsync($"/api/evidence/{evidenceId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await s.OtherOfficer.GetAsync($"/api/tasks/{taskId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await s.OtherOfficer.GetAsync($"/api/cycles/{s.CycleId}/findings/{finding.GetProperty("id").GetInt64()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, (await s.OtherOfficer.GetFromJsonAsync<JsonElement>($"/api/cycles/{s.CycleId}/findings")).GetArrayLength());

        var unknown = await s.Inspector.PostAsJsonAsync($"/api/cycles/{s.CycleId}/findings", new { orgUnitCode = "NOWHERE", description = "x", severity = "Minor", rectifyWithinDays = 1 });
        Assert.Equal(["/orgUnitCode"], (await unknown.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        await (await s.Inspector.PostAsJsonAsync("/api/cycles/999999999/findings", new { orgUnitCode = $"{s.Prefix}-S1" })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await s.Inspector.GetAsync($"/api/cycles/{s.CycleId}/findings?status=Closed")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Equal_totals_share_a_rank_over_http_and_publication_freezes_them()
    {
        var s = await SetUpAsync();
        // S1: 0.7 × (48 + 32) + 0.3 × 80 = 56 + 24 = 80; S2: 0.7 × (50 + 30) + 0.3 × (1×100 + 1×60)/2 = 56 + 24 = 80
        foreach (var (street, work, members, votes) in new[] { ("S1", 48, 32, new[] { 0, 5, 0, 0 }), ("S2", 50, 30, new[] { 1, 0, 1, 0 }) })
        {
            await s.DistrictAdmin.PutJsonAsync($"/api/cycles/{s.CycleId}/scores/{s.Prefix}-{street}",
                new { indicators = new object[] { new { code = "work", score = work }, new { code = "members", score = members }, new { code = "violation", vetoed = false } } });
            await s.DistrictAdmin.PutJsonAsync($"/api/cycles/{s.CycleId}/ratings/{s.Prefix}-{street}",
                new { excellent = votes[0], good = votes[1], fair = votes[2], poor = votes[3] });
        }
        var veto = await s.DistrictAdmin.PutAsJsonAsync($"/api/cycles/{s.CycleId}/scores/{s.Prefix}-S1", new { indicators = new[] { new { code = "violation", score = 1 } } });
        Assert.Equal(["/indicators/0/score"], (await veto.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        await (await s.Officer.PutAsJsonAsync($"/api/cycles/{s.CycleId}/scores/{s.Prefix}-S1", new { indicators = new[] { new { code = "work", score = 60 } } }))
            .AssertProblemAsync(HttpStatusCode.Forbidden);
        foreach (var tiny in new[] { "1e-30", "1.005" })
        {
            var tooPrecise = await s.DistrictAdmin.PutAsync($"/api/cycles/{s.CycleId}/scores/{s.Prefix}-S1",
                new StringContent($$"""{"indicators":[{"code":"work","score":{{tiny}}}]}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(["/indicators/0/score"], (await tooPrecise.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        }
        var nullEntry = await s.DistrictAdmin.PutAsync($"/api/cycles/{s.CycleId}/scores/{s.Prefix}-S1",
            new StringContent("""{"indicators":[null]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(["/indicators/0"], (await nullEntry.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        var missingVotes = await s.DistrictAdmin.PutAsJsonAsync($"/api/cycles/{s.CycleId}/ratings/{s.Prefix}-S1", new { excellent = 3 });
        Assert.Equal(["/good", "/fair", "/poor"], (await missingVotes.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());

        var sheet = await s.Officer.GetFromJsonAsync<JsonElement>($"/api/cycles/{s.CycleId}/scores/{s.Prefix}-S1");
        Assert.Equal((80m, "Good", "较好"), (sheet.GetProperty("outcome").GetProperty("total").GetDecimal(),
            sheet.GetProperty("outcome").GetProperty("grade").GetString(), sheet.GetProperty("outcome").GetProperty("gradeLabel").GetString()));
        var results = await s.DistrictAdmin.GetFromJsonAsync<JsonElement>($"/api/cycles/{s.CycleId}/results");
        Assert.Equal([(1, 80m), (1, 80m)], results.EnumerateArray().Select(r => (r.GetProperty("rank").GetInt32(), r.GetProperty("total").GetDecimal())));

        await (await s.Inspector.PostAsync($"/api/cycles/{s.CycleId}/results/publish", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        var published = await s.DistrictAdmin.PostJsonAsync($"/api/cycles/{s.CycleId}/results/publish", null);
        Assert.Equal($"{s.Prefix.ToLowerInvariant()}.da", published.GetProperty("publishedBy").GetString());
        var frozen = await s.DistrictAdmin.PutAsJsonAsync($"/api/cycles/{s.CycleId}/scores/{s.Prefix}-S2", new { indicators = new[] { new { code = "work", score = 60 } } });
        Assert.Contains("frozen", (await frozen.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        static IEnumerable<(string?, int, decimal, string?)> Figures(JsonElement rows) => rows.EnumerateArray().Select(r => (r.GetProperty("orgUnitCode").GetString(),
            r.GetProperty("rank").GetInt32(), r.GetProperty("total").GetDecimal(), r.GetProperty("grade").GetString()));
        Assert.Equal(Figures(results), Figures(await s.OtherOfficer.GetFromJsonAsync<JsonElement>($"/api/cycles/{s.CycleId}/results")));

        // a street sees its own participant row and sheet only, published or not
        var participants = await s.OtherOfficer.GetFromJsonAsync<JsonElement>($"/api/cycles/{s.CycleId}/participants");
        Assert.Equal([($"{s.Prefix}-S2", 80m, "Good")], participants.EnumerateArray().Select(p =>
            (p.GetProperty("orgUnitCode").GetString(), p.GetProperty("score").GetDecimal(), p.GetProperty("grade").GetString())));
        await (await s.OtherOfficer.GetAsync($"/api/cycles/{s.CycleId}/scores/{s.Prefix}-S1")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await s.OtherOfficer.GetAsync($"/api/accountability?year={s.Year}&scopeCode={s.Prefix}-S1")).AssertProblemAsync(HttpStatusCode.NotFound);
        var own = await s.OtherOfficer.GetFromJsonAsync<JsonElement>($"/api/accountability?year={s.Year}&scopeCode={s.Prefix}-S2");
        Assert.Equal([$"{s.Prefix}-S2"], own.EnumerateArray().SelectMany(r => r.GetProperty("units").EnumerateArray()).Select(u => u.GetProperty("orgUnitCode").GetString()).Distinct());
        Assert.All(own.EnumerateArray(), r => Assert.Equal("Good", r.GetProperty("grade").GetString()));
    }

    [Theory]
    [InlineData("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", true)]
    [InlineData("application/json;q=0.5, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", true)]
    [InlineData("application/json, APPLICATION/VND.OPENXMLFORMATS-OFFICEDOCUMENT.SPREADSHEETML.SHEET;q=0.5", false)]
    [InlineData("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;q=0", false)]
    [InlineData("*/*", false)]
    public async Task Results_and_the_accountability_report_answer_a_spreadsheet_when_the_accept_header_prefers_it(string accept, bool spreadsheet)
    {
        var s = await SetUpAsync();
        foreach (var path in new[] { $"/api/cycles/{s.CycleId}/results", $"/api/accountability?year={s.Year}&scopeCode={s.Prefix}-D" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            var response = await s.DistrictAdmin.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(spreadsheet ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/json",
                response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_accountability_report_names_its_bad_parameters_and_hides_other_scopes()
    {
        var s = await SetUpAsync();
        var missing = await s.DistrictAdmin.GetAsync("/api/accountability");
        Assert.Equal(["/year", "/scopeCode"], (await missing.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        await (await s.DistrictAdmin.GetAsync("/api/accountability.xlsx?year=2026")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await s.Officer.GetAsync($"/api/accountability?year={s.Year}&scopeCode={s.Prefix}-D")).AssertProblemAsync(HttpStatusCode.NotFound);
        var own = await s.Officer.GetFromJsonAsync<JsonElement>($"/api/accountability?year={s.Year}&scopeCode={s.Prefix}-S1");
        Assert.Equal(["FirstResponsible", "DirectResponsible"], own.EnumerateArray().Select(r => r.GetProperty("responsibility").GetString()));
        Assert.All(own.EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("username").ValueKind));
    }
}
