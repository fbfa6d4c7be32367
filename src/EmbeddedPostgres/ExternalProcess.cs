using System.Diagnostics;

namespace CommunityWorkflows.EmbeddedPostgres;

/// <summary>Runs a command to completion and hands back its exit code and what it printed.</summary>
static class ExternalProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string Printed => (Output + "\n" + Error).Trim();
    }

    public static async Task<Result> RunAsync(string file, IEnumerable<string> arguments, CancellationToken ct)
    {
        using var process = Start(file, arguments);
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// The blocking form, for shutdown paths (a ProcessExit handler) where asynchronous waits on child
    /// processes may never be signalled any more.
    /// </summary>
    public static Result Run(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        using var process = Start(file, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return new Result(-1, "", $"{file} did not finish within {timeout}.");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    static Process Start(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
    }
}
