using System.CommandLine;
using CommunityWorkflows.EmbeddedPostgres;
using CommunityWorkflows.Host.Tools.Bench;
using CommunityWorkflows.Host.Tools.Demo;
using CommunityWorkflows.Host.Tools.Simulation;
using Npgsql;

namespace CommunityWorkflows.Host.Cli;

/// <summary>
/// The verbs of <c>dotnet run --project src/Host -- &lt;verb&gt;</c>; <c>serve</c> when none is given.
/// Tokens a verb does not know (<c>--urls</c>, <c>--ConnectionStrings:Main=...</c>) go to the configuration.
/// </summary>
public static class CommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("CommunityWorkflows: yearly accountability and inspection cycles of community Party-building work.");
        root.Subcommands.Add(ServeVerb.Create());
        root.Subcommands.Add(MigrateVerb.Create());
        root.Subcommands.Add(SeedDemoVerb.Create());
        root.Subcommands.Add(UsersVerb.Create());
        root.Subcommands.Add(SimulateVerb.Create());
        root.Subcommands.Add(BenchVerb.Create());
        root.Subcommands.Add(OpenApiVerb.Create());
        if (args.Length == 0 || args[0].StartsWith('-') && args[0] is not ("-h" or "--help" or "-?" or "--version"))
            args = ["serve", .. args];
        try
        {
            // Ctrl+C is left to the web host's own lifetime, which shuts down gracefully and then stops the cluster
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false });
        }
        catch (PostgresNotInstalledException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"Start-up failed: {e.Message}");
            return 1;
        }
    }
}
