using System.CommandLine;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Host.Cli;

namespace CommunityWorkflows.Host.Tools.Bench;

static class BenchVerb
{
    public static Command Create()
    {
        var communities = new Option<int>("--communities") { Description = "Participants of the launched cycle (a province has ~30,000).", DefaultValueFactory = _ => 30_000 };
        var streets = new Option<int>("--streets") { Description = "Streets they sit under.", DefaultValueFactory = _ => 2_000 };
        var districts = new Option<int>("--districts") { Description = "Districts above the streets.", DefaultValueFactory = _ => 120 };
        var jobs = new Option<int>("--hangfire-jobs") { Description = "Reminders run as one Hangfire job each, for the comparison.", DefaultValueFactory = _ => 2_000 };
        var command = new Command("bench", "Measure a province-sized launch, the timer dispatcher, binary COPY and one-Hangfire-job-per-reminder, in a scratch database.")
        {
            communities, streets, districts, jobs,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            const int year = 2026;
            var start = ChinaTime.At(new DateOnly(year, 1, 5), 9).ToString("O");
            await using var host = await ToolHost.StartAsync(
                [.. parse.UnmatchedTokens, "--Clock:Mode=Simulated", $"--Clock:Start={start}", "--Logging:LogLevel:Default=Warning"], ct, scratchDatabase: "bench");
            var benchmark = new Benchmark(host.Services, Console.Out, parse.GetValue(districts), parse.GetValue(streets), parse.GetValue(communities), parse.GetValue(jobs));
            await benchmark.RunAsync(year, ct);
            return 0;
        });
        return command;
    }
}
