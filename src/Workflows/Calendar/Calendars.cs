using CommunityWorkflows.Domain.Calendar;

namespace CommunityWorkflows.Workflows.Calendar;

// placeholder until the calendar branch lands
public sealed class Calendars
{
    public Task<BusinessCalendar> LoadAsync(CancellationToken ct) => Task.FromResult(BusinessCalendar.WeekendsOnly);
}
