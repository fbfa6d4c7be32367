using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Workflows.Calendar;

namespace CommunityWorkflows.Host.Ui.Shared;

/// <summary>The business calendar and today's date (China time) for one page's circuit, loaded once.</summary>
public sealed class UiCalendar(Calendars calendars, TimeProvider clock)
{
    BusinessCalendar? loaded;

    public DateTimeOffset Now => clock.GetUtcNow();

    public DateOnly Today => ChinaTime.DateOf(Now);

    public async Task<BusinessCalendar> LoadAsync() => loaded ??= await calendars.LoadAsync(CancellationToken.None);

    public async Task<Countdown?> CountAsync(DateTimeOffset? dueAt) =>
        dueAt is { } due ? Supervision.Count(await LoadAsync(), Today, ChinaTime.DateOf(due)) : null;
}
