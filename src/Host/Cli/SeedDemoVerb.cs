using System.CommandLine;
using CommunityWorkflows.Host.Demo;

namespace CommunityWorkflows.Host.Cli;

static class SeedDemoVerb
{
    public static Command Create()
    {
        var command = new Command("seed-demo", "Load a fictional city (2 districts, 6 streets, 30 communities, seated units, a user for every role) and print the passwords once.");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await ToolHost.StartAsync(parse.UnmatchedTokens, ct);
            await DemoSeeder.SeedAsync(host.Services, Console.Out, ct);
            return 0;
        });
        return command;
    }
}
