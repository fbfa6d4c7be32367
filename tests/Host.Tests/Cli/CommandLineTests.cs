using CommunityWorkflows.Host.Cli;

namespace CommunityWorkflows.Host.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public class CommandLineTests
{
    [Fact]
    public async Task Without_postgres_binaries_the_host_prints_one_line_and_exits_non_zero()
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        int exitCode;
        try
        {
            exitCode = await CommandLine.RunAsync(["migrate", "--Embedded:BinDir=/nonexistent", $"--Embedded:DataDir={Path.GetTempPath()}/cw-none-{Guid.NewGuid():N}", "--ConnectionStrings:Main="]);
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Equal(2, exitCode);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("apt-get install -y postgresql", line);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}
