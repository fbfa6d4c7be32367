using System.Collections.Concurrent;
using System.Net;
using CommunityWorkflows.Host.Api;
using CommunityWorkflows.Host.Hosting;
using CommunityWorkflows.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Host.Tests.Api;

public class HealthTests
{
    [Fact]
    public async Task A_database_that_does_not_answer_is_a_503_that_tells_an_anonymous_caller_nothing_of_it_and_the_log_why()
    {
        var missing = new NpgsqlConnectionStringBuilder(await TestCluster.CreateEmptyDatabaseAsync()) { Database = "no_such_database_here" };
        var builder = HostApp.CreateBuilder(["--urls", "http://127.0.0.1:0", "--Hangfire:Server=false", "--Logging:LogLevel:Default=None",
            $"--Logging:LogLevel:{HealthEndpoints.LogCategory}=Warning"]);
        var log = new CapturedLog();
        builder.Logging.AddProvider(log);
        await using var app = HostApp.Build(builder, missing.ConnectionString);
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address) };

            var problem = await (await client.GetAsync("/health")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);

            var text = problem.GetRawText();
            Assert.Equal("数据库不可用", problem.GetProperty("title").GetString());
            Assert.DoesNotContain("no_such_database_here", text);
            Assert.DoesNotContain(missing.Username!, text);
            Assert.DoesNotContain("3D000", text);
            Assert.Contains(log.Entries, e => e.Category == HealthEndpoints.LogCategory && e.Level == LogLevel.Warning
                && e.Exception is NpgsqlException && e.Exception.ToString().Contains("no_such_database_here", StringComparison.Ordinal));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    sealed record Entry(string Category, LogLevel Level, Exception? Exception);

    sealed class CapturedLog : ILoggerProvider
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() { }

        sealed class Logger(CapturedLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                log.Entries.Enqueue(new Entry(category, logLevel, exception));
        }
    }
}
