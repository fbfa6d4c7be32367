using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Calendar;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityWorkflows.Workflows.Tests.Calendar;

/// <summary>Each host keeps the working calendar and reads it again only when a year was written, on whichever host.</summary>
public class CalendarCacheTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly Caller Admin = new(0, "admin", [new RoleGrant(Role.SystemAdmin, null, null)]);
    static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The engine's services once more over the same database: another host.</summary>
    ServiceProvider SecondHost()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCommunityWorkflows(o => o.ConnectionString = engine.ConnectionString);
        return services.BuildServiceProvider();
    }

    static CalendarYearInput Schedule(int year) =>
        new("国务院办公厅关于部分节假日安排的通知", [new($"{year}-10-01", "国庆节")], []);

    [Fact]
    public async Task An_unchanged_calendar_is_not_read_again()
    {
        var calendars = engine.Get<Calendars>();
        var first = await calendars.LoadAsync(None);
        var reloads = calendars.Reloads;

        Assert.Same(first, await calendars.LoadAsync(None));
        Assert.Same(first, await calendars.LoadAsync(None));
        Assert.Equal(reloads, calendars.Reloads);
    }

    [Fact]
    public async Task A_year_written_on_one_host_counts_at_once_on_another()
    {
        await using var other = SecondHost();
        var there = other.GetRequiredService<Calendars>();
        var before = await there.LoadAsync(None);
        var reloads = there.Reloads;
        Assert.False(before.IsLoaded(2035));

        await engine.Get<Calendars>().PutYearAsync(2035, Schedule(2035), Admin, None);

        var after = await there.LoadAsync(None);
        Assert.True(after.IsLoaded(2035));
        Assert.Equal(new DateOnly(2035, 10, 2), after.AddWorkdays(new DateOnly(2035, 9, 28), 1).Date); // Friday, then Monday 10-01 off
        Assert.Equal(reloads + 1, there.Reloads);
        Assert.Same(after, await there.LoadAsync(None));
    }

    [Fact]
    public async Task A_year_written_here_is_seen_here_at_once()
    {
        var calendars = engine.Get<Calendars>();
        Assert.False((await calendars.LoadAsync(None)).IsLoaded(2036));

        await calendars.PutYearAsync(2036, Schedule(2036), Admin, None);

        Assert.True((await calendars.LoadAsync(None)).IsLoaded(2036));
    }
}
