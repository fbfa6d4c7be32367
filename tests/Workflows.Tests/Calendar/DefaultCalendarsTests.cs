using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Calendar;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Calendar;

public class DefaultCalendarsTests
{
    static Task MigrateAsync(string connectionString) =>
        TestCluster.MigratorFor(connectionString).MigrateAsync(CancellationToken.None);

    static async Task<List<(int Year, string? UpdatedBy, int Holidays, int Workdays)>> StoredAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return (await connection.QueryAsync<(int, string?, int, int)>(
            "select year, updated_by, jsonb_array_length(holidays), jsonb_array_length(workdays) from calendar_year order by year")).ToList();
    }

    [Fact]
    public void The_shipped_calendars_are_built_in_and_valid()
    {
        var shipped = DefaultCalendars.Shipped();

        Assert.Equal([2025, 2026], shipped.Select(y => y.Year));
        Assert.Equal("国务院办公厅关于2026年部分节假日安排的通知", shipped[1].Source);
        Assert.Equal(33, shipped[1].Holidays.Count); // 3 + 9 + 3 + 5 + 3 + 3 + 7 days
        Assert.Equal(6, shipped[1].Workdays.Count);
    }

    [Fact]
    public async Task Migrating_installs_the_shipped_years_once()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync();
        await MigrateAsync(connectionString);
        await MigrateAsync(connectionString);

        Assert.Equal([(2025, null, 28, 5), (2026, null, 33, 6)], await StoredAsync(connectionString));
    }

    [Fact]
    public async Task Installing_again_never_overwrites_an_administrators_edit_but_restores_a_missing_year()
    {
        var connectionString = await TestCluster.CreateEmptyDatabaseAsync();
        await MigrateAsync(connectionString);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.ExecuteAsync("""update calendar_year set holidays = '[{"date":"2026-01-01","name":"元旦"}]', updated_by = 'admin' where year = 2026""");
            await connection.ExecuteAsync("delete from calendar_year where year = 2025");
            await connection.OpenAsync();
            await DefaultCalendars.InstallAsync(connection, CancellationToken.None);
            await DefaultCalendars.InstallAsync(connection, CancellationToken.None);
        }

        Assert.Equal([(2025, null, 28, 5), (2026, "admin", 1, 6)], await StoredAsync(connectionString));
    }
}
