using System.CommandLine;
using CommunityWorkflows.Host.Tools.Demo;
using CommunityWorkflows.Host.Hosting;

namespace CommunityWorkflows.Host.Cli;

static class ServeVerb
{
    public static Command Create()
    {
        var seedDemo = new Option<bool>("--seed-demo") { Description = "Load the fictional demo city and its year up to now before serving (once; printed passwords; a second run adds nothing)." };
        var command = new Command("serve", "Serve the API, UI and job dashboard, with a Hangfire server (default verb).")
        {
            seedDemo,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            // made in a tool host of its own under a simulated clock; this host then serves on the system clock
            if (parse.GetValue(seedDemo))
                await DemoInstallation.SeedAsync(parse.UnmatchedTokens, Console.Out, ct);
            var builder = HostApp.CreateBuilder(parse.UnmatchedTokens);
            using var loggers = LoggerFactory.Create(l => l.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true));
            await using var database = await DatabaseLocation.OpenAsync(builder.Configuration, loggers.CreateLogger("CommunityWorkflows.Embedded"), ct);
            await using var app = HostApp.Build(builder, database.ConnectionString);
            await HostApp.PrepareAsync(app, ct);
            await app.RunAsync();
            return 0;
        });
        return command;
    }
}
