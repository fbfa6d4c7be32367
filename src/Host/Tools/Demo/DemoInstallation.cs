using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Host.Cli;

namespace CommunityWorkflows.Host.Tools.Demo;

/// <summary>
/// What <c>seed-demo</c> and <c>serve --seed-demo</c> do: the demo city, then its current year up to the real now,
/// made in a tool host of its own whose clock is simulated from 1 January. Everything the year holds is placed before
/// the real now, so the host that serves afterwards runs on the system clock and simply carries on from there: due
/// dates, overdue marks and countdowns are true of today's date, and the next reminders fire on their real days.
/// </summary>
static class DemoInstallation
{
    public static async Task SeedAsync(IReadOnlyList<string> configurationArgs, TextWriter output, CancellationToken ct)
    {
        var now = TimeProvider.System.GetUtcNow();
        var start = ChinaTime.At(new DateOnly(ChinaTime.DateOf(now).Year, 1, 1));
        await using var host = await ToolHost.StartAsync(
            [.. configurationArgs, "--Clock:Mode=Simulated", $"--Clock:Start={start:O}", "--Logging:LogLevel:Default=Warning"], ct);
        await DemoSeeder.SeedAsync(host.Services, output, ct);
        await output.WriteLineAsync($"Making the demo's year: the clock simulated from {ChinaTime.Text(start)} to now, every timer and meeting on the way fired in order ...");
        var summary = await DemoYear.RunAsync(host.Services, now, ct);
        await summary.PrintAsync(output);
    }
}
