using CommunityWorkflows.Host.Hosting.Settings;
using CommunityWorkflows.Workflows.Runtime;
using System.Text.Json;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Host.Hosting;
using CommunityWorkflows.Workflows.Evidence;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Meetings;
using Microsoft.AspNetCore.Http.Features;

using CommunityWorkflows.Host.Api.OpenApi;

namespace CommunityWorkflows.Host.Api;

/// <summary>Meeting obligations: lists, one meeting, recording it, its evidence, compliance (JSON and .xlsx) and the calendar feed.</summary>
static class MeetingEndpoints
{
    /// <summary>
    /// The record of a held meeting, for the document and the body's shape (the minutes reader checks the rules):
    /// <c>topics</c> and <c>decisions</c> are one text or a list of texts.
    /// </summary>
    public sealed record MeetingRecordInput(string HeldOn, IReadOnlyList<string> Attendees, JsonElement Topics, string Minutes, JsonElement? Decisions = null);

    static readonly IReadOnlyList<Spreadsheet.Column<MeetingCompliance>> ComplianceColumns =
    [
        new("单位编码", c => c.OrgUnitCode),
        new("单位名称", c => c.OrgUnitName),
        new("会议", c => c.CadenceName),
        new("年度", c => c.Year),
        new("应开", c => c.Due),
        new("按时召开", c => c.Held),
        new("补开（逾期录入）", c => c.Late),
        new("未开（已逾期）", c => c.Missed),
        new("未到期", c => c.Open),
    ];

    public static void MapMeetings(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        var meetings = app.MapGroup("/api/meetings").WithTags("Regular meetings");

        meetings.MapGet("/", async (string? orgUnitCode, int? year, string? status, string? cadenceKey, int? limit, int? offset,
                HttpContext context, MeetingQueries queries, CancellationToken ct) =>
            await queries.ListAsync(new MeetingFilter(orgUnitCode, year, status, cadenceKey, limit ?? 1000, offset ?? 0), context.Caller(), ct))
            .WithName("ListMeetings")
            .WithSummary("Meeting obligations in the caller's scope, by unit, year (of the period), status (Due|Overdue|Held) or cadence; in period order.");

        meetings.MapGet("/{id:long}", async (long id, HttpContext context, MeetingQueries queries, CancellationToken ct) =>
            await queries.GetAsync(id, context.Caller(), ct))
            .WithName("GetMeeting")
            .WithSummary("A meeting with its record (attendees, topics, minutes, decisions), evidence, and whether the caller may record it.");

        meetings.MapPost("/{id:long}/record", async (long id, HttpRequest request, HttpContext context, MeetingRecords records, CancellationToken ct) =>
            await records.RecordAsync(id, await JsonBodyReader.ReadAsync(request, ct), context.Caller(), ct))
            .WithName("RecordMeeting").Accepts<MeetingRecordInput>("application/json")
            .WithSummary("Record a held meeting {heldOn, attendees, topics, minutes, decisions?}: status Held (late when after the due time); heldOn outside the period → 422; already held → 409.");

        meetings.MapGet("/{id:long}/journal", async (long id, long? afterSeq, int? limit, HttpContext context, MeetingQueries queries, CancellationToken ct) =>
            await queries.JournalAsync(id, JournalPage.Of(afterSeq, limit), context.Caller(), ct))
            .WithName("GetMeetingJournal")
            .WithSummary("The meeting's own transitions in order (opened, reminders, overdue, escalations, evidence, recorded), each with its hash and the previous entry's (page with afterSeq).");

        meetings.MapGet("/{id:long}/journal/verify", async (long id, HttpContext context, MeetingQueries queries, CancellationToken ct) =>
            await queries.VerifyJournalAsync(id, context.Caller(), ct))
            .WithName("VerifyMeetingJournal")
            .WithSummary("Recompute the meeting's own hash chain: {valid, entries, firstBrokenSeq}.");

        MapEvidence(meetings, HostSettings.Read<LimitsSettings>(configuration).MaxEvidenceBytes);
        MapCompliance(meetings);

        var feedMax = HostSettings.Read<MeetingsSettings>(configuration).CalendarFeedMaxEvents;
        meetings.MapGet("/calendar.ics", async (string? orgUnitCode, int? year, HttpContext context, MeetingQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var feed = await MeetingCalendar.SelectAsync(queries, orgUnitCode, year, feedMax, clock.GetUtcNow(), context.Caller(), ct);
            MeetingCalendar.Describe(context.Response, feed);
            return Results.Text(MeetingCalendar.Write(feed, MeetingCalendar.UidDomain(configuration)), MeetingCalendar.ContentType);
        })
        .WithName("GetMeetingCalendar").Produces(StatusCodes.Status200OK, contentType: "text/calendar")
        .WithSummary($"The meetings in scope (of one unit with orgUnitCode) as an iCalendar feed: periods of the year asked for, else from a year back to two years ahead (header {MeetingCalendar.WindowHeader}); at most {MeetingCalendar.DefaultMaxEvents} (Meetings:CalendarFeedMaxEvents), the newest, and header {MeetingCalendar.TruncatedHeader} when more matched.");
    }

    static void MapEvidence(RouteGroupBuilder meetings, long maxBytes) =>
        meetings.MapPost("/{id:long}/evidence", async (long id, HttpContext context, EvidenceStore store, CancellationToken ct) =>
        {
            var upload = await EvidenceUpload.ReadAsync(context, maxBytes, () => store.CheckMeetingAsync(id, context.Caller(), ct), ct);
            var added = await store.AddToMeetingAsync(id, upload.FileName, upload.Content, context.Caller(), ct);
            return Results.Created($"/api/evidence/{added.Id}", added);
        })
        .DisableAntiforgery()
        .WithMetadata(EvidenceUpload.Limit(maxBytes))
        .WithName("AddMeetingEvidence").Produces<EvidenceView>(StatusCodes.Status201Created).AcceptsFile("file", EvidenceUpload.FileDescription)
        .WithSummary("Attach a file (minutes, sign-in sheet, photos: PDF, image or Office document) to a meeting; 413 when too large, 422 when of another kind.");

    static void MapCompliance(RouteGroupBuilder meetings)
    {
        meetings.MapGet("/compliance", async (int? year, string? scopeCode, HttpContext context, MeetingQueries queries, CancellationToken ct) =>
        {
            var rows = await queries.ComplianceAsync(year ?? throw new RuleViolationException("/year", Say.Text("year is required.", "年度为必填项。")), scopeCode, context.Caller(), ct);
            return context.Request.WantsSpreadsheet()
                ? Spreadsheet.File($"meetings-{year}.xlsx", "例会落实情况", ComplianceColumns, rows)
                : Results.Ok(rows);
        })
        .WithName("GetMeetingCompliance").Problems(404).ProducesJsonOrSpreadsheet<IReadOnlyList<MeetingCompliance>>()
        .WithSummary("Per unit and cadence in a year: meetings due, held on time, held late, missed and still open; .xlsx with Accept or at compliance.xlsx.");

        meetings.MapGet("/compliance.xlsx", async (int? year, string? scopeCode, HttpContext context, MeetingQueries queries, CancellationToken ct) =>
        {
            var rows = await queries.ComplianceAsync(year ?? throw new RuleViolationException("/year", Say.Text("year is required.", "年度为必填项。")), scopeCode, context.Caller(), ct);
            return Spreadsheet.File($"meetings-{year}.xlsx", "例会落实情况", ComplianceColumns, rows);
        })
        .WithName("GetMeetingComplianceSpreadsheet").Problems(404).ProducesSpreadsheet()
        .WithSummary("The compliance view as a spreadsheet (Chinese headers).");
    }
}
