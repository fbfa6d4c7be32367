using System.CommandLine;

namespace CommunityWorkflows.Host.Cli;

static class MigrateVerb
{
    public static Command Create()
    {
        var command = new Command("migrate", "Create or upgrade the database schema, then exit.");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await ToolHost.StartAsync(parse.UnmatchedTokens, ct);
            Console.WriteLine("The database schema is current.");
            return 0;
        });
        return command;
    }
}
