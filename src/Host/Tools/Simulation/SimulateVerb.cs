using System.CommandLine;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Host.Cli;

namespace CommunityWorkflows.Host.Tools.Simulation;

static class SimulateVerb
{
    public static Command Create()
    {
        var year = new Option<int>("--year") { Description = "The cycle's year (calendars ship for 2025 and 2026).", DefaultValueFactory = _ => 2026 };
        var seed = new Option<int>("--seed") { Description = "Seed of the people's behaviour: the same seed, the same year.", DefaultValueFactory = _ => 7 };
        var command = new Command("simulate",
            "Run a whole year of the default template over the demo city under a simulated clock, in a scratch database, and print what happened in each month that saw anything, then per stage.")
        {
            year, seed,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var y = parse.GetValue(year);
            var start = ChinaTime.At(new DateOnly(y, 1, 1)).ToString("O");
            await using var host = await ToolHost.StartAsync(
                [.. parse.UnmatchedTokens, "--Clock:Mode=Simulated", $"--Clock:Start={start}", "--Logging:LogLevel:Default=Warning"], ct, scratchDatabase: "simulation");
            var simulation = new YearSimulation(host.Services, y, parse.GetValue(seed));
            var cycleId = await simulation.RunAsync(Console.Out, ct);
            await SimulationReport.PrintAsync(host.Services, cycleId, Console.Out, ct);
            return 0;
        });
        return command;
    }
}
