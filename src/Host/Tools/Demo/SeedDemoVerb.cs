using System.CommandLine;

namespace CommunityWorkflows.Host.Tools.Demo;

static class SeedDemoVerb
{
    public static Command Create()
    {
        var command = new Command("seed-demo", "Load a fictional city (2 districts, 6 streets, 30 communities, seated units, a user for every role; passwords printed once), then its current year up to now under a simulated clock: a running cycle with tasks in every state, findings, scores, meetings, liaison visits and notices.");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            await DemoInstallation.SeedAsync(parse.UnmatchedTokens, Console.Out, ct);
            return 0;
        });
        return command;
    }
}
