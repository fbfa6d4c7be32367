using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

// the tests share one database: each one that writes puts a year of its own (2035 and later)
public class CalendarApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    // one sign-in per fixture: logins are rate-limited per address (30 a minute), and this class has many cases
    static readonly ConditionalWeakTable<HostFixture, Task<HttpClient>> Admins = new();

    Task<HttpClient> AdminAsync() => Admins.GetValue(host, h => h.ClientAsync());

    static object Schedule(int year, string source = "国务院办公厅关于部分节假日安排的通知") => new
    {
        source,
        holidays = new[] { new { date = $"{year}-01-01", name = "元旦" }, new { date = $"{year}-10-01", name = "国庆节" } },
        workdays = new[] { new { date = $"{year}-09-29", name = "国庆节调休上班" } },
    };

    async Task<string> AddWorkdaysAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/calendars/add-workdays?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_shipped_years_are_listed_with_plain_dates_and_chinese_names()
    {
        var admin = await AdminAsync();
        var years = await admin.GetFromJsonAsync<JsonElement>("/api/calendars");

        var listed = years.EnumerateArray().Select(y => y.GetProperty("year").GetInt32()).ToList();
        Assert.Equal([2025, 2026], listed.Where(y => y < 2030));
        var y2026 = years.EnumerateArray().Single(y => y.GetProperty("year").GetInt32() == 2026);
        Assert.Equal("国务院办公厅关于2026年部分节假日安排的通知", y2026.GetProperty("source").GetString());
        Assert.Equal("""{"date":"2026-02-15","name":"春节"}""", y2026.GetProperty("holidays")[3].GetRawText());
        Assert.Equal("""{"date":"2026-01-04","name":"元旦调休上班"}""", y2026.GetProperty("workdays")[0].GetRawText());
        Assert.Equal(33, y2026.GetProperty("holidays").GetArrayLength());
    }

    [Theory]
    [InlineData("from=2026-02-13&days=1", """{"date":"2026-02-14","assumedYears":[]}""")]
    [InlineData("from=2026-09-30&days=1", """{"date":"2026-10-08","assumedYears":[]}""")]
    [InlineData("from=2026-10-08&days=-1", """{"date":"2026-09-30","assumedYears":[]}""")]
    [InlineData("from=2025-01-24&days=1", """{"date":"2025-01-26","assumedYears":[]}""")]
    [InlineData("from=2026-12-31&days=1", """{"date":"2027-01-01","assumedYears":[2027]}""")]
    [InlineData("from=2024-12-31&days=2", """{"date":"2025-01-03","assumedYears":[]}""")] // 2024 is unknown, but only 2025 is crossed
    [InlineData("from=2025-01-02&days=-2", """{"date":"2024-12-30","assumedYears":[2024]}""")]
    public async Task Working_days_are_added_on_the_loaded_calendar(string query, string expected) =>
        Assert.Equal(expected, await AddWorkdaysAsync(await AdminAsync(), query));

    [Theory]
    [InlineData("from=2026-13-01&days=1", "/from")]
    [InlineData("from=20260213&days=1", "/from")]
    [InlineData("days=1", "/from")]
    [InlineData("from=2026-02-13&days=one", "/days")]
    [InlineData("from=yesterday&days=one", "/from|/days")]
    [InlineData("from=2026-02-13", "/days")]
    [InlineData("from=2026-02-13&days=1.5", "/days")]
    [InlineData("from=2026-02-13&days=100000", "/days")]
    [InlineData("from=9999-12-31&days=1", "/from")]
    [InlineData("", "/from|/days")]
    public async Task Bad_parameters_are_named_in_a_422(string query, string fields)
    {
        var admin = await AdminAsync();
        var problem = await (await admin.GetAsync($"/api/calendars/add-workdays?{query}")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(fields.Split('|'), problem.ErrorFields());
    }

    [Fact]
    public async Task An_administrator_loads_a_new_year_and_due_dates_follow_at_once()
    {
        var admin = await AdminAsync();
        Assert.Equal("""{"date":"2035-10-01","assumedYears":[2035]}""", await AddWorkdaysAsync(admin, "from=2035-09-28&days=1"));

        var response = await admin.PutAsJsonAsync("/api/calendars/2035", Schedule(2035));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2035, stored.GetProperty("year").GetInt32());
        Assert.Equal("admin", stored.GetProperty("updatedBy").GetString());
        Assert.Equal("""[{"date":"2035-01-01","name":"元旦"},{"date":"2035-10-01","name":"国庆节"}]""", stored.GetProperty("holidays").GetRawText());

        // 2035-09-28 is a Friday; Saturday 09-29 is worked
        Assert.Equal("""{"date":"2035-09-29","assumedYears":[]}""", await AddWorkdaysAsync(admin, "from=2035-09-28&days=1"));
        var year = await admin.GetFromJsonAsync<JsonElement>("/api/calendars/2035");
        Assert.Equal("""[{"date":"2035-09-29","name":"国庆节调休上班"}]""", year.GetProperty("workdays").GetRawText());
    }

    [Fact]
    public async Task A_bad_schedule_is_refused_with_every_field_named_and_nothing_is_stored()
    {
        var admin = await AdminAsync();
        var response = await admin.PutAsJsonAsync("/api/calendars/2036", new
        {
            source = " ",
            holidays = new[]
            {
                new { date = "2036-01-01", name = "元旦" }, new { date = "2037-01-01", name = "元旦" },
                new { date = "2036-02-31", name = "春节" }, new { date = "2036-01-01", name = "元旦" },
            },
            workdays = new[] { new { date = "2036-01-01", name = "" } },
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["/source", "/holidays/1/date", "/holidays/2/date", "/holidays/3/date", "/workdays/0/name"], problem.ErrorFields());
        await (await admin.GetAsync("/api/calendars/2036")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_date_in_both_lists_is_named_in_both()
    {
        var admin = await AdminAsync();
        var response = await admin.PutAsJsonAsync("/api/calendars/2037", new
        {
            source = "通知",
            holidays = new[] { new { date = "2037-10-01", name = "国庆节" } },
            workdays = new[] { new { date = "2037-10-01", name = "国庆节调休上班" } },
        });

        Assert.Equal(["/holidays/0/date", "/workdays/0/date"], (await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1800")]
    [InlineData("-2038")]
    [InlineData("02038")]
    [InlineData("%2B2038")]
    public async Task A_bad_year_in_the_path_is_named(string year)
    {
        var admin = await AdminAsync();
        var problem = await (await admin.PutAsJsonAsync($"/api/calendars/{year}", Schedule(2038))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("/year", problem.ErrorFields());
        await (await admin.GetAsync("/api/calendars/2038")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>A year in the path is written one way, as ids are: 02026 is not 2026.</summary>
    [Theory]
    [InlineData("02026")]
    [InlineData("%2B2026")]
    public async Task A_year_spelt_another_way_is_unknown(string year)
    {
        var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/calendars/2026")).StatusCode);
        await (await admin.GetAsync($"/api/calendars/{year}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_a_system_administrator_may_change_the_calendar_but_everyone_signed_in_may_read_it()
    {
        var admin = await AdminAsync();
        var city = "K" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/org-units/import", new[] { new { code = city, name = "江城市", kind = "City" } })).StatusCode);
        var username = $"da-{city.ToLowerInvariant()}";
        var created = await admin.PostAsJsonAsync("/api/users", new { username, password = "pass-word-1", displayName = "区管理员", roles = new[] { new { role = "DistrictAdmin", orgUnitCode = city } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var districtAdmin = await host.ClientAsync(username, "pass-word-1");

        await (await districtAdmin.PutAsJsonAsync("/api/calendars/2039", Schedule(2039))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.GetAsync("/api/calendars/2039")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await districtAdmin.GetAsync("/api/calendars")).StatusCode);
        Assert.Equal("""{"date":"2026-02-14","assumedYears":[]}""", await AddWorkdaysAsync(districtAdmin, "from=2026-02-13&days=1"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous().GetAsync("/api/calendars")).StatusCode);
    }

    [Fact]
    public async Task Malformed_bodies_are_400_and_wrongly_shaped_ones_422_naming_the_field()
    {
        var admin = await AdminAsync();
        var response = await admin.PutAsync("/api/calendars/2040", new StringContent("""{"source":"通知","holidays":[{"date":""", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var wrongShape = await admin.PutAsync("/api/calendars/2040", new StringContent("""{"source":"通知","holidays":"2040-01-01","workdays":[]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(["/holidays"], (await wrongShape.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        await (await admin.GetAsync("/api/calendars/2040")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
