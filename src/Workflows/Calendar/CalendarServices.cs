using CommunityWorkflows.Workflows.Store;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityWorkflows.Workflows.Calendar;

static class CalendarServices
{
    /// <summary>Business calendars, and the shipped years installed at migration.</summary>
    internal static IServiceCollection AddCalendar(this IServiceCollection services)
    {
        services.AddSingleton<Calendars>();
        services.AddShippedContent<DefaultCalendars>();
        return services;
    }
}
