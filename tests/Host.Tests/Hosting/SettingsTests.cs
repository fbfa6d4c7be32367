using System.Reflection;
using CommunityWorkflows.Host.Hosting;
using CommunityWorkflows.Host.Hosting.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CommunityWorkflows.Host.Tests.Hosting;

public class SettingsTests
{
    const string NoDatabase = "Host=127.0.0.1;Database=unused;Password=hunter2-not-logged";

    static async Task<Exception?> StartAsync(params string[] settings)
    {
        var builder = HostApp.CreateBuilder(["--urls", "http://127.0.0.1:0", "--Hangfire:Server=false", "--Logging:LogLevel:Default=None", .. settings]);
        return await Record.ExceptionAsync(async () =>
        {
            await using var app = HostApp.Build(builder, NoDatabase);
            await app.StartAsync();
            await app.StopAsync();
        });
    }

    [Theory]
    [InlineData("--Meetings:CalendarFeedMaxEvents=0", "Meetings:CalendarFeedMaxEvents must be between 1 and 4999.")]
    [InlineData("--Meetings:CalendarFeedMaxEvents=5000", "Meetings:CalendarFeedMaxEvents must be between 1 and 4999.")]
    [InlineData("--Auth:MaxFailedLogins=0", "Auth:MaxFailedLogins must be at least 1.")]
    [InlineData("--Auth:LockoutDuration=-00:01:00", "Auth:LockoutDuration must be positive.")]
    [InlineData("--Limits:MaxEvidenceBytes=0", "Limits:MaxEvidenceBytes must be at least 1.")]
    [InlineData("--Organisation:GeneralBranchThreshold=2", "Organisation:GeneralBranchThreshold must exceed Organisation:BranchThreshold.")]
    [InlineData("--Hangfire:WorkerCount=-1", "Hangfire:WorkerCount must be between 0 (Hangfire's default) and 1000.")]
    [InlineData("--Clock:Mode=1", "Clock:Mode must be System or Simulated, not '1'.")]
    [InlineData("--Hosting:PublicUrl=ftp://example.org", "Hosting:PublicUrl: 'ftp://example.org' is not an absolute http(s) address without a query.")]
    [InlineData("--Hosting:TrustedProxies=10.0.0.1,proxy", "Hosting:TrustedProxies: 'proxy' is not an IP address.")]
    [InlineData("--Security:KeyRingSecret=short", "Security:KeyRingSecret must be at least 16 characters long.")]
    [InlineData("--Embedded:Database=", "Embedded:Database must not be empty.")]
    [InlineData("--Liaison:LateResolutionCredit=2", "Liaison:LateResolutionCredit must be between 0 and 1.")]
    public async Task A_bad_value_stops_start_up_with_a_message_naming_its_key(string setting, string message)
    {
        var e = Assert.IsType<OptionsValidationException>(await StartAsync(setting));
        Assert.Contains(message, e.Failures);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_stops_start_up_naming_its_key()
    {
        var e = await StartAsync("--Meetings:CalendarFeedMaxEvents=many");
        Assert.NotNull(e);
        Assert.Contains("Meetings:CalendarFeedMaxEvents", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_list_replaces_the_default_one_instead_of_merging_with_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Liaison:ProblemReminderDays:0", "3")]).Build();
        Assert.Equal([3], HostSettings.Read<LiaisonSettings>(configuration).ProblemReminderDays);
        Assert.Equal([7, 1], HostSettings.Read<LiaisonSettings>(new ConfigurationBuilder().Build()).ProblemReminderDays);
    }

    [Fact]
    public async Task The_start_up_line_lists_every_setting_with_secrets_masked()
    {
        var builder = HostApp.CreateBuilder(["--Hangfire:Server=false", "--Security:KeyRingSecret=a-secret-of-the-installation",
            "--Bootstrap:AdminPassword=first-admin-password", "--ConnectionStrings:Main=Host=db;Password=main-password"]);
        await using var app = HostApp.Build(builder, NoDatabase);

        var line = SettingsLog.Describe(app.Services, NoDatabase);

        foreach (var key in AllKeys()) Assert.Contains(key + "=", line, StringComparison.Ordinal);
        Assert.Contains("Security:KeyRingSecret=***", line, StringComparison.Ordinal);
        Assert.Contains("Bootstrap:AdminPassword=***", line, StringComparison.Ordinal);
        Assert.Contains("Meetings:CalendarFeedMaxEvents=2000", line, StringComparison.Ordinal);
        Assert.Contains("Liaison:ProblemReminderDays=[7, 1]", line, StringComparison.Ordinal);
        foreach (var secret in new[] { "a-secret-of-the-installation", "first-admin-password", "main-password", "hunter2-not-logged" })
            Assert.DoesNotContain(secret, line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_README_lists_every_setting_the_host_binds()
    {
        var readme = File.ReadAllText(RepositoryPath("README.md"));
        var missing = AllKeys().Where(key => !readme.Contains($"| `{key}` |", StringComparison.Ordinal)).ToList();
        Assert.Empty(missing);
    }

    static IEnumerable<string> AllKeys() => HostSettings.All.SelectMany(type => SettingsLog.Keys(type,
        (string)type.GetProperty(nameof(ISettings.Section), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!));

    static string RepositoryPath(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "CommunityWorkflows.sln")))
                return Path.Combine(directory.FullName, relative);
        throw new FileNotFoundException($"No CommunityWorkflows.sln above {AppContext.BaseDirectory}.");
    }
}
