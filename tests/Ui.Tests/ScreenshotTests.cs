using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Host.Tools.Demo;
using Dapper;
using Microsoft.Playwright;
using Npgsql;

namespace CommunityWorkflows.Ui.Tests;

/// <summary>The host with the demo city's whole year up to 6 December 2026, as seed-demo makes it.</summary>
public sealed class DemoYearHost : UiHost
{
    public static readonly DateTimeOffset Until = ChinaTime.At(new DateOnly(2026, 12, 6), 15);

    public async Task SeedYearAsync()
    {
        await DemoYear.RunAsync(App.Services, Until, CancellationToken.None);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}

/// <summary>
/// Every persona's main pages on the demo's year, at an office screen and — for the street and the leader in the field —
/// on a phone: each page draws its heading, shows no 未找到, raises no script error and loads nothing from outside.
/// The PNGs go to <c>docs/screenshots/</c> when <c>CW_SCREENSHOTS=1</c> (README shows three), to a scratch folder otherwise.
/// </summary>
public class ScreenshotTests(DemoYearHost host) : IClassFixture<DemoYearHost>, IAsyncLifetime
{
    static readonly string Folder = Environment.GetEnvironmentVariable("CW_SCREENSHOTS") == "1"
        ? Path.Combine(RepositoryRoot(), "docs", "screenshots")
        : Path.Combine(Path.GetTempPath(), "cw-screenshots");

    static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CommunityWorkflows.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }

    public async Task InitializeAsync()
    {
        if (await host.ScalarAsync("select count(*) from cycle") == 0) await host.SeedYearAsync();
        Directory.CreateDirectory(Folder);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    async Task ShootAsync(string username, params (string Name, string Path)[] pages) => await ShootAsync(username, 1366, 768, pages);

    async Task ShootAsync(string username, int width, int height, params (string Name, string Path)[] pages)
    {
        await using var browser = await host.SignInAsync(username, width, height);
        foreach (var (name, path) in pages)
        {
            await browser.GoAsync(path);
            var page = browser.Page;
            // the page's data is in when its loading spinners are gone
            await Assertions.Expect(page.Locator(".ant-spin-spinning")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("h1").First).Not.ToBeEmptyAsync();
            await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("未找到");
            var file = Path.Combine(Folder, $"{name}.png");
            await browser.ShotAsync(file);
            Assert.True(new FileInfo(file).Length > 10_000, $"{file} is nearly empty");
        }
    }

    [Fact]
    public async Task The_district_organisation_department()
    {
        var cycle = await host.ScalarAsync("select id from cycle order by id desc limit 1");
        await ShootAsync("dh.admin",
            ("district-workbench", "/"),
            ("district-cycles", "/cycles"),
            ("district-cycle-board", $"/cycles/{cycle}"),
            ("district-review-queue", "/tasks?status=Submitted"),
            ("district-findings", "/findings"),
            ("district-scoring", $"/cycles/{cycle}/scoring"),
            ("district-meetings", "/meetings"),
            ("district-notifications", "/notifications"));
    }

    [Fact]
    public async Task The_street_party_working_committee_at_the_office_and_on_a_phone()
    {
        var returned = await host.ScalarAsync("select t.id from task t join org_unit o on o.id = t.org_unit_id where t.status = 'Returned' and o.code = 'JC-DH-TY' order by t.id desc limit 1");
        await ShootAsync("ty.secretary",
            ("street-my-tasks", "/tasks"),
            ("street-returned-task", $"/tasks/{returned}"),
            ("street-meetings", "/meetings"));
        await ShootAsync("ty.secretary", 390, 844,
            ("phone-street-my-tasks", "/tasks"),
            ("phone-street-returned-task", $"/tasks/{returned}"));
    }

    [Fact]
    public async Task The_leader_at_the_office_and_on_a_phone()
    {
        var point = await host.ScalarAsync("select p.id from liaison_point p join app_user u on u.id = p.leader_user_id where u.username = 'city.leader1' order by p.id limit 1");
        await ShootAsync("city.leader1",
            ("leader-liaison-points", "/liaison-points"),
            ("leader-liaison-point", $"/liaison-points/{point}"));
        await ShootAsync("city.leader1", 390, 844,
            ("phone-leader-liaison-point", $"/liaison-points/{point}"));
    }

    [Fact]
    public async Task The_inspector()
    {
        await ShootAsync("dh.inspector", ("inspector-findings", "/findings"));
    }

    [Fact]
    public async Task The_system_administrator()
    {
        var cycle = await host.ScalarAsync("select id from cycle order by id desc limit 1");
        await ShootAsync("demo.admin",
            ("admin-org-units", "/org-units"),
            ("admin-users", "/users"),
            ("admin-calendars", "/calendars"),
            ("admin-templates", "/templates"),
            ("admin-cycle-journal", $"/cycles/{cycle}/journal"));
    }
}
