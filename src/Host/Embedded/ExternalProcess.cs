using System.Diagnostics;

namespace CommunityWorkflows.Host.Embedded;

/// <summary>Runs a command to completion and hands back its exit code and what it printed.</summary>
static class ExternalProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string Printed => (Output + "\n" + Error).Trim();
    }

    public static async Task<Result> RunAsync(string file, IEnumerable<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return new Result(process.ExitCode, await output, await error);
    }
}
