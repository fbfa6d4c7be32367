using System.Globalization;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows.Calendar;

using CommunityWorkflows.Host.Api.OpenApi;

namespace CommunityWorkflows.Host.Api;

static class CalendarEndpoints
{
    public static void MapCalendars(this IEndpointRouteBuilder app)
    {
        var calendars = app.MapGroup("/api/calendars").WithTags("Business calendar");

        calendars.MapGet("/", async (Calendars store, CancellationToken ct) => await store.ListAsync(ct))
            .WithName("ListCalendars")
            .WithSummary("The years loaded: statutory days off (holidays) and adjusted weekend working days (workdays, 调休).");

        // query parameters arrive as text so that a bad one is answered 422 naming it, not 400
        calendars.MapGet("/add-workdays", async (string? from, string? days, Calendars store, CancellationToken ct) =>
        {
            var query = WorkdayQuery.Parse(from, days);
            return await store.AddWorkdaysAsync(query.From, query.Days, ct);
        })
        .WithName("AddWorkdays")
        .WithSummary($"The date N working days after 'from' (before it when N is negative, |N| ≤ {WorkdayQuery.MaxDays}); assumedYears names the years crossed without a calendar, where only weekends were counted.");

        calendars.MapGet("/{year}", async (string year, Calendars store, CancellationToken ct) =>
            Year(year) is { } y
                ? await store.GetAsync(y, ct)
                : throw new NotFoundException(Say.Text($"No calendar is loaded for '{year}'.", $"尚未载入“{year}”年的工作日历。")))
            .WithName("GetCalendarYear")
            .WithSummary("One loaded year; 404 when the year has no calendar.");

        calendars.MapPut("/{year}", async (string year, CalendarYearInput schedule, HttpContext context, Calendars store, CancellationToken ct) =>
            await store.PutYearAsync(ParseYear(year), schedule, context.Caller(), ct))
            .WithName("PutCalendarYear")
            .WithSummary("Replace or add a year's schedule (SystemAdmin); a date outside the year, repeated, unreadable or in both lists → 422 naming each.");
    }

    static int ParseYear(string year) => Year(year) ?? throw new RuleViolationException("/year", Say.Text($"'{year}' is not a year.", $"“{year}”不是有效的年份。"));

    /// <summary>The year a path names, written one way as ids are (<c>02026</c> and <c>+2026</c> name none), so one year has one address.</summary>
    static int? Year(string text) =>
        CanonicalIdConstraint.IsCanonical(text, int.MaxValue) ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : null;
}
