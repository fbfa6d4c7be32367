using CommunityWorkflows.Host.Cli;
using CommunityWorkflows.Testing;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Host.Tests.Cli;

/// <summary>The <c>users</c> verbs, run as an operator runs them, on a database of the test's own.</summary>
[Collection(ConsoleCollection.Name)]
public class UsersVerbTests : IAsyncLifetime
{
    string connectionString = "";

    public async Task InitializeAsync() => connectionString = await TestCluster.CreateDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var (originalOut, originalError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = await CommandLine.RunAsync([.. args, $"--ConnectionStrings:Main={connectionString}", "--Logging:LogLevel:Default=Warning"]);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }

    async Task<T> QueryAsync<T>(string sql, object parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.QuerySingleAsync<T>(sql, parameters);
    }

    [Fact]
    public async Task An_operator_disables_enables_resets_unlocks_and_signs_out_an_account_each_journaled()
    {
        Assert.Equal(0, (await RunAsync("users", "add", "--username", "clerk", "--role", "SystemAdmin", "--password", "pass-word-1")).ExitCode);
        var hash = await QueryAsync<string>("select password_hash from app_user where username = @u", new { u = "clerk" });

        var disabled = await RunAsync("users", "disable", "--username", "Clerk");
        Assert.Equal((0, "clerk: disabled, not locked."), (disabled.ExitCode, disabled.Out.Trim()));
        Assert.True(await QueryAsync<bool>("select disabled_at is not null from app_user where username = @u", new { u = "clerk" }));
        var enabled = await RunAsync("users", "enable", "--username", "clerk");
        Assert.Equal((0, "clerk: enabled, not locked."), (enabled.ExitCode, enabled.Out.Trim()));

        var reset = await RunAsync("users", "reset-password", "--username", "clerk");
        Assert.Equal(0, reset.ExitCode);
        Assert.Contains("Password (shown once): ", reset.Out);
        Assert.NotEqual(hash, await QueryAsync<string>("select password_hash from app_user where username = @u", new { u = "clerk" }));

        Assert.Equal(0, (await RunAsync("users", "unlock", "--username", "clerk")).ExitCode);
        Assert.Equal(0, (await RunAsync("users", "sign-out", "--username", "clerk")).ExitCode);
        var actions = await QueryAsync<string>(
            "select string_agg(actor || ' ' || action, ', ' order by seq) from journal_entry where stream = 'accounts' and subject = @u", new { u = "clerk" });
        Assert.Equal("(cli) UserCreated, (cli) UserDisabled, (cli) UserEnabled, (cli) PasswordReset, (cli) SignedOutEverywhere", actions);
    }

    [Fact]
    public async Task An_unknown_user_or_a_short_password_is_exit_code_3_with_the_reason()
    {
        var unknown = await RunAsync("users", "disable", "--username", "nobody");
        Assert.Equal(3, unknown.ExitCode);
        Assert.Contains("'nobody' was not found", unknown.Error);

        Assert.Equal(0, (await RunAsync("users", "add", "--username", "clerk2", "--role", "SystemAdmin")).ExitCode);
        var weak = await RunAsync("users", "reset-password", "--username", "clerk2", "--password", "short");
        Assert.Equal(3, weak.ExitCode);
        Assert.StartsWith("/password: ", weak.Error);
    }
}
