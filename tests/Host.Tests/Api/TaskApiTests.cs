using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Runtime;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Host.Tests.Api;

public class TaskApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    static readonly Caller Root = new(0, "root", [new RoleGrant(Role.SystemAdmin, null, null)]);

    sealed record Setup(string Prefix, long CycleId, int Year, HttpClient Admin, HttpClient Officer, HttpClient OtherOfficer, HttpClient DistrictAdmin);

    /// <summary>A district with two streets and their people, and a cycle launched for a year of its own.</summary>
    async Task<Setup> SetUpAsync()
    {
        var p = "T" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var admin = await host.ClientAsync();
        var csv = $"code,name,kind,parentCode\n{p},测试市,City,\n{p}-D,测试区,District,{p}\n{p}-S1,一街道,Street,{p}-D\n{p}-S2,二街道,Street,{p}-D\n";
        (await admin.PostAsync("/api/org-units/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        foreach (var (user, role, unit) in new[] { ("da", "DistrictAdmin", "D"), ("o1", "StreetOfficer", "S1"), ("o2", "StreetOfficer", "S2") })
            (await admin.PostAsJsonAsync("/api/users", new { username = $"{p.ToLowerInvariant()}.{user}", password = "pass-word-1", roles = new[] { new { role, orgUnitCode = $"{p}-{unit}" } } })).EnsureSuccessStatusCode();
        var year = ChinaTime.DateOf(host.Clock.GetUtcNow()).Year + 1;
        host.Clock.MoveTo(ChinaTime.At(new DateOnly(year, 1, 5), 10));
        var cycle = await host.Get<CycleLauncher>().LaunchAsync(new LaunchRequest("test-annual", 1, TestTemplates.Annual, year, $"{p}-D"), Root, CancellationToken.None);
        return new Setup(p, cycle.Id, year, await host.ClientAsync(),
            await host.ClientAsync($"{p.ToLowerInvariant()}.o1", "pass-word-1"),
            await host.ClientAsync($"{p.ToLowerInvariant()}.o2", "pass-word-1"),
            await host.ClientAsync($"{p.ToLowerInvariant()}.da", "pass-word-1"));
    }

    static async Task<long> TaskIdAsync(HttpClient client, Setup s, string title)
    {
        var tasks = await client.GetFromJsonAsync<JsonElement>($"/api/tasks?cycleId={s.CycleId}&orgUnitCode={s.Prefix}-S1");
        return tasks.EnumerateArray().Single(t => t.GetProperty("title").GetString() == title).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Submit_and_review_over_http_follow_the_rules_and_answer_with_problems()
    {
        var s = await SetUpAsync();
        var own = await s.Officer.GetFromJsonAsync<JsonElement>($"/api/tasks?cycleId={s.CycleId}");
        Assert.All(own.EnumerateArray(), t => Assert.Equal($"{s.Prefix}-S1", t.GetProperty("orgUnitCode").GetString()));
        Assert.Equal(2, own.GetArrayLength());
        Assert.Equal($"{s.Year}-03-31T23:59:59+08:00", own[0].GetProperty("dueAt").GetString());
        var id = await TaskIdAsync(s.Officer, s, "任务targets");

        var missing = await s.Officer.PostAsJsonAsync($"/api/tasks/{id}/submit", new { data = new { count = 3 } });
        Assert.Equal(["/data/goals"], (await missing.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        await (await s.OtherOfficer.PostAsJsonAsync($"/api/tasks/{id}/submit", new { data = new { goals = "x" } })).AssertProblemAsync(HttpStatusCode.NotFound);
        var submitted = await s.Officer.PostAsJsonAsync($"/api/tasks/{id}/submit", new { data = new { goals = "抓好班子", count = 3 }, comment = "请审核" });
        Assert.Equal("Submitted", (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var waiting = await s.Officer.GetFromJsonAsync<JsonElement>($"/api/tasks?cycleId={s.CycleId}&status=submitted");
        Assert.Equal([id], waiting.EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));
        await (await s.Officer.PostAsJsonAsync($"/api/tasks/{id}/submit", new { data = new { goals = "again" } })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await s.Officer.PostAsJsonAsync($"/api/tasks/{id}/review", new { decision = "Accept" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        var bad = await s.DistrictAdmin.PostAsJsonAsync($"/api/tasks/{id}/review", new { decision = "Maybe" });
        Assert.Equal(["/decision"], (await bad.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());

        var returned = await s.DistrictAdmin.PostAsJsonAsync($"/api/tasks/{id}/review", new { decision = "Return", comment = "请细化目标" });
        var detail = await returned.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Returned", detail.GetProperty("status").GetString());
        Assert.Equal("请细化目标", detail.GetProperty("reviews")[0].GetProperty("comment").GetString());
        var inbox = await s.Officer.GetFromJsonAsync<JsonElement>("/api/notifications?unread=true");
        var notice = inbox.EnumerateArray().Single(n => n.GetProperty("kind").GetString() == "Returned");
        Assert.Equal(notice.GetProperty("id").GetInt64(), Assert.Single((await s.Officer.GetFromJsonAsync<JsonElement>("/api/notifications?kind=returned")).EnumerateArray()).GetProperty("id").GetInt64());
        var bogus = await (await s.Officer.GetAsync("/api/notifications?kind=Bogus")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Returned, MeetingReminder", bogus.GetProperty("errors").GetProperty("/kind")[0].GetString());
        Assert.Contains("请细化目标", notice.GetProperty("subject").GetString());
        Assert.Equal(id, notice.GetProperty("taskId").GetInt64());
        Assert.Equal(HttpStatusCode.NoContent, (await s.Officer.PostAsync($"/api/notifications/{notice.GetProperty("id").GetInt64()}/read", null)).StatusCode);
        Assert.DoesNotContain((await s.Officer.GetFromJsonAsync<JsonElement>("/api/notifications?unread=true")).EnumerateArray(), n => n.GetProperty("kind").GetString() == "Returned");
        await (await s.OtherOfficer.PostAsync($"/api/notifications/{notice.GetProperty("id").GetInt64()}/read", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("Open,Submitted")]
    [InlineData("Open&status=Accepted")]
    [InlineData("1")]
    public async Task A_status_filter_is_one_state_and_a_combination_a_repeat_or_a_number_is_refused(string status)
    {
        var admin = await host.ClientAsync();
        var problem = await (await admin.GetAsync($"/api/tasks?status={status}")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/status"], problem.ErrorFields());
        Assert.Contains("expected one of Pending, Open", problem.GetProperty("errors").GetProperty("/status")[0].GetString());
    }

    [Fact]
    public async Task Evidence_is_checked_hashed_and_downloadable_only_within_scope()
    {
        var s = await SetUpAsync();
        var id = await TaskIdAsync(s.Officer, s, "任务targets");
        var pdf = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

        var upload = new MultipartFormDataContent { { new ByteArrayContent(pdf) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") } }, "file", "../../etc/目标责任书.exe" } };
        var created = await s.Officer.PostAsync($"/api/tasks/{id}/evidence", upload);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var evidence = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("目标责任书.pdf", evidence.GetProperty("fileName").GetString());
        Assert.Equal("application/pdf", evidence.GetProperty("contentType").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), evidence.GetProperty("sha256").GetString());

        var exe = new MultipartFormDataContent { { new ByteArrayContent("MZ\x90\0rest-of-a-program"u8.ToArray()), "file", "report.pdf" } };
        var refused = await s.Officer.PostAsync($"/api/tasks/{id}/evidence", exe);
        Assert.Equal(["/file"], (await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());

        var evidenceId = evidence.GetProperty("id").GetInt64();
        Assert.Equal(pdf, await s.DistrictAdmin.GetByteArrayAsync($"/api/evidence/{evidenceId}"));
        await (await s.OtherOfficer.GetAsync($"/api/evidence/{evidenceId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await s.OtherOfficer.PostAsync($"/api/tasks/{id}/evidence", new MultipartFormDataContent { { new ByteArrayContent(pdf), "file", "a.pdf" } })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>A request body that notes whether the client was asked for it.</summary>
    sealed class WatchedContent : HttpContent
    {
        readonly HttpContent inner;

        public WatchedContent(HttpContent inner)
        {
            this.inner = inner;
            foreach (var (name, values) in inner.Headers) Headers.TryAddWithoutValidation(name, values);
        }

        public bool Sent { get; private set; }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            Sent = true;
            return inner.CopyToAsync(stream);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }
    }

    /// <summary>
    /// Sends <paramref name="content"/> with <c>Expect: 100-continue</c>: the server asks for the body (100 Continue) only
    /// when it starts reading it, and the client waits for that as long as the test runs.
    /// </summary>
    async Task<HttpResponseMessage> SendExpectingContinueAsync(HttpClient caller, string path, HttpContent content)
    {
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(10) }) { BaseAddress = host.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.ExpectContinue = true;
        request.Headers.Authorization = caller.DefaultRequestHeaders.Authorization;
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    [Fact]
    public async Task An_upload_the_caller_may_not_make_is_refused_before_its_body_is_read()
    {
        var s = await SetUpAsync();
        var id = await TaskIdAsync(s.Officer, s, "任务targets");
        WatchedContent Upload() => new(new MultipartFormDataContent { { new ByteArrayContent(new byte[256 * 1024]), "file", "台账.docx" } });

        var outOfScope = Upload();
        await (await SendExpectingContinueAsync(s.OtherOfficer, $"/api/tasks/{id}/evidence", outOfScope)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.False(outOfScope.Sent);
        var notTheirs = Upload();
        await (await SendExpectingContinueAsync(s.Admin, $"/api/tasks/{id}/evidence", notTheirs)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.False(notTheirs.Sent);
        var noMeeting = Upload();
        await (await SendExpectingContinueAsync(s.Admin, "/api/meetings/999999999/evidence", noMeeting)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.False(noMeeting.Sent);

        // the scope comes first: a body that is not even multipart is not looked at
        var notMultipart = new ByteArrayContent(new byte[1024]) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } };
        await (await s.OtherOfficer.PostAsync($"/api/tasks/{id}/evidence", notMultipart)).AssertProblemAsync(HttpStatusCode.NotFound);

        var mine = Upload();
        var read = await SendExpectingContinueAsync(s.Officer, $"/api/tasks/{id}/evidence", mine);
        Assert.Equal(["/file"], (await read.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        Assert.True(mine.Sent);
    }

    [Fact]
    public async Task Broken_or_wrongly_typed_uploads_are_400_and_415_not_500()
    {
        var s = await SetUpAsync();
        var id = await TaskIdAsync(s.Officer, s, "任务targets");
        var noBoundary = new ByteArrayContent("--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nhi"u8.ToArray());
        noBoundary.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
        await (await s.Officer.PostAsync($"/api/tasks/{id}/evidence", noBoundary)).AssertProblemAsync(HttpStatusCode.BadRequest);
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["file"] = "x" });
        await (await s.Officer.PostAsync($"/api/tasks/{id}/evidence", form)).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_office_file_of_more_than_ten_thousand_entries_is_422_on_file()
    {
        var s = await SetUpAsync();
        var id = await TaskIdAsync(s.Officer, s, "任务targets");
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(archive.CreateEntry("[Content_Types].xml").Open()))
                types.Write("""<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
            for (var i = 0; i < 10_000; i++) archive.CreateEntry($"word/media/p{i}.xml");
        }
        var upload = new MultipartFormDataContent { { new ByteArrayContent(zip.ToArray()), "file", "台账.docx" } };
        var refused = await (await s.Officer.PostAsync($"/api/tasks/{id}/evidence", upload)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/file"], refused.ErrorFields());
        Assert.Contains("10,000", refused.GetProperty("errors").GetProperty("/file")[0].GetString());
    }

    [Fact]
    public async Task Advancing_the_simulated_clock_brings_reminders_and_the_journal_shows_and_verifies_it_all()
    {
        var s = await SetUpAsync();
        var clock = await s.Admin.GetFromJsonAsync<JsonElement>("/api/admin/clock");
        Assert.Equal("Simulated", clock.GetProperty("mode").GetString());
        await (await s.DistrictAdmin.GetAsync("/api/admin/clock")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var back = await s.Admin.PostAsJsonAsync("/api/admin/clock/advance", new { to = $"{s.Year - 1}-01-01T00:00:00+08:00" });
        var backProblem = await back.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/to"], backProblem.ErrorFields());
        Assert.Matches(@"it is \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+08:00\.$", backProblem.GetProperty("errors").GetProperty("/to")[0].GetString());
        var tooFar = await s.Admin.PostAsJsonAsync("/api/admin/clock/advance", new { to = "9999-12-31T23:59:59+08:00" });
        Assert.Equal(["/to"], (await tooFar.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());

        var advanced = await s.Admin.PostAsJsonAsync("/api/admin/clock/advance", new { to = $"{s.Year}-03-24T09:30:00+08:00" });
        var result = await advanced.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(result.GetProperty("timersFired").GetInt32() >= 4);
        var reminders = (await s.Officer.GetFromJsonAsync<JsonElement>("/api/notifications?unread=true")).EnumerateArray().Where(n => n.GetProperty("kind").GetString() == "Reminder").ToList();
        Assert.Equal(2, reminders.Count);

        var cycle = await s.Officer.GetFromJsonAsync<JsonElement>($"/api/cycles/{s.CycleId}");
        Assert.Equal(4, cycle.GetProperty("stages")[0].GetProperty("open").GetInt32());
        var journal = await s.DistrictAdmin.GetFromJsonAsync<JsonElement>($"/api/cycles/{s.CycleId}/journal");
        Assert.Equal("CycleLaunched", journal[0].GetProperty("action").GetString());
        Assert.Equal(journal[0].GetProperty("hash").GetString(), journal[1].GetProperty("previousHash").GetString());
        Assert.True((await s.DistrictAdmin.GetFromJsonAsync<JsonElement>($"/api/cycles/{s.CycleId}/journal/verify")).GetProperty("valid").GetBoolean());

        await using (var connection = new NpgsqlConnection(host.ConnectionString))
            await connection.ExecuteAsync("update journal_entry set actor = 'someone-else' where stream = @s and seq = 1", new { s = $"cycle:{s.CycleId}" });
        var verify = await s.DistrictAdmin.GetFromJsonAsync<JsonElement>($"/api/cycles/{s.CycleId}/journal/verify");
        Assert.False(verify.GetProperty("valid").GetBoolean());
        Assert.Equal(1, verify.GetProperty("firstBrokenSeq").GetInt64());
    }

    [Fact]
    public async Task Only_an_administrator_over_the_scope_cancels_and_only_once_with_a_reason_of_at_most_2000_characters()
    {
        var s = await SetUpAsync();
        await (await s.Officer.PostAsJsonAsync($"/api/cycles/{s.CycleId}/cancel", new { reason = "no" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        var tooLong = await (await s.DistrictAdmin.PostAsJsonAsync($"/api/cycles/{s.CycleId}/cancel", new { reason = new string('因', 2001) }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/reason"], tooLong.ErrorFields());
        var cancelled = await s.DistrictAdmin.PostAsJsonAsync($"/api/cycles/{s.CycleId}/cancel", new { reason = "重新发起" });
        Assert.Equal("Cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await (await s.DistrictAdmin.PostAsJsonAsync($"/api/cycles/{s.CycleId}/cancel", new { reason = "again" })).AssertProblemAsync(HttpStatusCode.Conflict);
        var participants = await s.Officer.GetFromJsonAsync<JsonElement>($"/api/cycles/{s.CycleId}/participants");
        Assert.Equal([$"{s.Prefix}-S1"], participants.EnumerateArray().Select(p => p.GetProperty("orgUnitCode").GetString()));
        // the journal shows every participant's work: only for those over the whole cycle
        await (await s.Officer.GetAsync($"/api/cycles/{s.CycleId}/journal")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await s.DistrictAdmin.GetAsync($"/api/cycles/{s.CycleId}/journal")).StatusCode);
    }
}
