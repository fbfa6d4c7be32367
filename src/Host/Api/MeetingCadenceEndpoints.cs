using System.Text.Json;
using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows.Jobs;
using CommunityWorkflows.Workflows.Meetings;

using CommunityWorkflows.Host.Api.OpenApi;

namespace CommunityWorkflows.Host.Api;

/// <summary>Meeting cadences: read by anyone signed in; added, changed, disabled and removed by a system administrator.</summary>
static class MeetingCadenceEndpoints
{
    /// <summary>
    /// The body of a cadence change, for the document and the body's shape (the cadence parser checks the rules).
    /// <c>reminders</c> is a list of days before the period ends (<c>[14, 3]</c>) or <c>{"daysBefore": [14, 3]}</c>.
    /// A member left out of a change keeps its stored value; on a new cadence it takes its default.
    /// </summary>
    public sealed record CadenceInput(
        string Name, string AppliesTo, string Cron, string TimeZone,
        JsonElement? Reminders = null, IReadOnlyList<EscalationStepInput>? Escalation = null, bool? Enabled = null, string? ScopeCode = null);

    /// <summary>One escalation of a missed meeting: so many working days after the due date, to whom.</summary>
    public sealed record EscalationStepInput(int AfterWorkdays, string To);

    public static void MapMeetingCadences(this IEndpointRouteBuilder app)
    {
        var cadences = app.MapGroup("/api/meeting-cadences").WithTags("Regular meetings");

        cadences.MapGet("/", async (MeetingCadences store, CancellationToken ct) => await store.ListAsync(ct))
            .WithName("ListMeetingCadences")
            .WithSummary("The cadences: cron and time zone, which units owe a meeting per period, reminders, escalation, and the Hangfire job that runs each.");

        cadences.MapGet("/{key}", async (string key, MeetingCadences store, CancellationToken ct) => await store.GetAsync(key, ct))
            .WithName("GetMeetingCadence")
            .WithSummary("One cadence; 404 when unknown.");

        cadences.MapPut("/{key}", async (string key, HttpRequest request, HttpContext context, MeetingCadences store, MeetingSchedules schedules, CancellationToken ct) =>
        {
            var body = await JsonBodyReader.ReadAsync(request, ct);
            var cadence = await store.PutAsync(key, body, context.Caller(), ct);
            // the change is saved: the job follows it whether or not the client still waits
            await schedules.ApplyAsync(cadence, CancellationToken.None);
            return cadence;
        })
        .WithName("PutMeetingCadence").Accepts<CadenceInput>("application/json")
        .WithSummary("Add or change a cadence (SystemAdmin): {name, appliesTo (District|Street|Community), cron, timeZone, reminders, escalation?, enabled?, scopeCode?}; a bad cron or time zone → 422 naming the field. Its recurring job is added, updated or removed to match.");

        cadences.MapDelete("/{key}", async (string key, HttpContext context, MeetingCadences store, MeetingSchedules schedules, CancellationToken ct) =>
        {
            await store.RemoveAsync(key, context.Caller(), ct);
            await schedules.RemoveAsync(key, CancellationToken.None);
            return Results.NoContent();
        })
        .WithName("DeleteMeetingCadence").Produces(StatusCodes.Status204NoContent)
        .WithSummary("Remove a cadence that never opened an obligation (SystemAdmin); one that did → 409 (disable it instead).");
    }
}
