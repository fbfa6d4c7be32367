using System.Text.Json;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Workflows.Store;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Calendar;

/// <summary>
/// Installs the shipped <c>calendars/cn-*.json</c> years that the database does not have yet. A year already
/// stored is left alone, so an administrator's edit is never overwritten by a newer release.
/// </summary>
sealed class DefaultCalendars : IShippedContent
{
    int IShippedContent.Order => 10;

    Task IShippedContent.InstallAsync(NpgsqlConnection connection, CancellationToken ct) => InstallAsync(connection, ct);

    const string ResourcePrefix = "CommunityWorkflows.Workflows.Calendars.";

    public static async Task InstallAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var years = Shipped();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into calendar_year (year, source, holidays, workdays, updated_by, updated_at)
            select y, s, h::jsonb, w::jsonb, null, now()
            from unnest(@years, @sources, @holidays, @workdays) as t(y, s, h, w)
            on conflict (year) do nothing
            """,
            new
            {
                years = years.Select(y => y.Year).ToArray(),
                sources = years.Select(y => y.Source).ToArray(),
                holidays = years.Select(y => CalendarDaysJson.Write(y.Holidays)).ToArray(),
                workdays = years.Select(y => CalendarDaysJson.Write(y.Workdays)).ToArray(),
            }, cancellationToken: ct));
    }

    /// <summary>The calendars built into this assembly, each checked by the same rules as an administrator's edit.</summary>
    public static IReadOnlyList<CalendarYear> Shipped()
    {
        var assembly = typeof(DefaultCalendars).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                var file = JsonSerializer.Deserialize<ShippedFile>(stream, CalendarDaysJson.Options)
                    ?? throw new InvalidOperationException($"The shipped calendar {name} is empty.");
                var (year, errors) = CalendarYearValidator.Validate(file.Year, new CalendarYearInput(file.Source, file.Holidays, file.Workdays));
                return year ?? throw new InvalidOperationException(
                    $"The shipped calendar {name} is invalid: {string.Join("; ", errors.Select(e => $"{e.Field} {e.Message}"))}");
            })
            .ToList();
    }

    sealed record ShippedFile(int Year, string? Source, List<CalendarDayInput?>? Holidays, List<CalendarDayInput?>? Workdays);
}
