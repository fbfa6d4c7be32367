using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Liaison;

using CommunityWorkflows.Host.Api.OpenApi;

namespace CommunityWorkflows.Host.Api;

static class LiaisonPointEndpoints
{

    public static void MapLiaisonPoints(this IEndpointRouteBuilder app)
    {
        var points = app.MapGroup("/api/liaison-points").WithTags("Liaison points");

        points.MapPost("/", async (LiaisonPointInput body, HttpContext context, LiaisonPoints liaison, CancellationToken ct) =>
        {
            var point = await liaison.CreateAsync(body, context.Caller(), ct);
            return Results.Created($"/api/liaison-points/{point.Id}", point);
        })
        .WithName("CreateLiaisonPoint").Produces<LiaisonPointDetail>(StatusCodes.Status201Created)
        .WithSummary("Set up a leader's liaison point for a year: community, backing unit (a SeatedUnit), work group, targets (the leader, or a DistrictAdmin over the community).");

        points.MapGet("/", async (int? year, string? leader, string? scopeCode, int? limit, int? offset, HttpContext context, LiaisonQueries queries, CancellationToken ct) =>
        {
            var page = LiaisonPage.Of(limit, offset);
            return page.Of(await queries.ListAsync(new LiaisonFilter(year, leader, scopeCode), context.Caller(), ct));
        })
        .WithName("ListLiaisonPoints").Problems(404)
        .WithSummary("The points the caller sees (their own; a district's for its administrators), what needs attention first (limit 1-500, default 50; offset).");

        points.MapGet("/dashboard", async (int? year, string? leader, string? scopeCode, int? limit, int? offset, HttpContext context, LiaisonReports reports, CancellationToken ct) =>
        {
            var page = LiaisonPage.Of(limit, offset);
            var dashboard = await reports.DashboardAsync(new LiaisonFilter(year, leader, scopeCode), context.Caller(), ct);
            return dashboard with { Points = page.Of(dashboard.Points) };
        })
        .WithName("GetLiaisonDashboard").Problems(404)
        .WithSummary("For a leader, a district or the city: totals over every point (totals.points counts them), and a page of the points' progress, open and overdue problems, days since the last visit and the backing unit's contribution, in attention order (limit 1-500, default 50; offset).");

        points.MapGet("/compliance", async (int? year, string? scopeCode, HttpContext context, LiaisonReports reports, CancellationToken ct) =>
            await reports.ComplianceAsync(new LiaisonFilter(year, null, scopeCode), context.Caller(), ct))
            .WithName("GetLiaisonCompliance").Problems(404)
            .WithSummary("The City, District and Street leaders in scope without a point that year, and the points with no visit for longer than Liaison:VisitDueAfterDays.");

        points.MapGet("/assessment", async (int? year, string? leader, string? scopeCode, int? limit, int? offset, HttpContext context, LiaisonReports reports, CancellationToken ct) =>
        {
            var page = LiaisonPage.Of(limit, offset);
            return page.Of(await reports.AssessmentAsync(new LiaisonFilter(year, leader, scopeCode), context.Caller(), ct));
        })
        .WithName("GetLiaisonAssessment").Problems(404)
        .WithSummary("The year-end target-management assessment of the points in scope, ranked over all of them: targets met, problems resolved, visits made, score; best first (limit 1-500, default 50; offset). The .xlsx holds every point.");

        points.MapGet("/assessment.xlsx", async (int? year, string? leader, string? scopeCode, HttpContext context, LiaisonReports reports, CancellationToken ct) =>
        {
            var rows = await reports.AssessmentAsync(new LiaisonFilter(year, leader, scopeCode), context.Caller(), ct);
            return Spreadsheet.File($"liaison-assessment-{rows.FirstOrDefault()?.Year ?? year}.xlsx", "联系点目标管理考核", AssessmentColumns, rows);
        })
        .WithName("GetLiaisonAssessmentSpreadsheet").Problems(404).ProducesSpreadsheet()
        .WithSummary("The assessment as a spreadsheet (Chinese headers).");

        points.MapGet("/{id:long}", async (long id, HttpContext context, LiaisonQueries queries, CancellationToken ct) =>
            await queries.GetAsync(id, context.Caller(), ct))
            .WithName("GetLiaisonPoint")
            .WithSummary("A point with its work group, backing unit, targets with their progress history, visits and problems.");

        points.MapPost("/{id:long}/targets", async (long id, TargetInput body, HttpContext context, LiaisonPoints liaison, CancellationToken ct) =>
        {
            var target = await liaison.AddTargetAsync(id, body, context.Caller(), ct);
            return Results.Created($"/api/liaison-points/{id}", target);
        })
        .WithName("AddLiaisonTarget").Produces<TargetView>(StatusCodes.Status201Created)
        .WithSummary("Add a target to a point; a code it already has → 409.");

        points.MapPut("/{id:long}/targets/{code}", async (long id, string code, TargetProgressInput body, HttpContext context, LiaisonPoints liaison, CancellationToken ct) =>
            await liaison.RecordProgressAsync(id, code, body, context.Caller(), ct))
            .WithName("SetLiaisonTargetProgress")
            .WithSummary("Record a target's progress (0-100) with a note; earlier entries stay in its history.");

        points.MapPost("/{id:long}/visits", async (long id, VisitInput body, HttpContext context, LiaisonVisits visits, CancellationToken ct) =>
        {
            var visit = await visits.RecordAsync(id, body, context.Caller(), ct);
            return Results.Created($"/api/liaison-points/{id}", visit);
        })
        .WithName("RecordLiaisonVisit").Produces<RecordedVisit>(StatusCodes.Status201Created)
        .WithSummary("Record a visit and the problems found, each with an owner unit (the community unless named) and a due date on the engine's timers.");

        points.MapPut("/{id:long}/problems/{problemId:long}", async (long id, long problemId, ProblemStatusInput body, HttpContext context, LiaisonVisits visits, CancellationToken ct) =>
            await visits.SetStatusAsync(id, problemId, body, context.Caller(), ct))
            .WithName("SetLiaisonProblemStatus")
            .WithSummary("Resolve a problem with a note (Open → Resolved), by the point's people or whoever answers for its owner unit; its reminders and escalation stop.");

        points.MapJournal<LiaisonQueries>("LiaisonPoint", "point's changes and notices", JournalStreams.LiaisonPoint, (queries, id, caller, ct) => queries.EnsureVisibleAsync(id, caller, ct));
    }

    static string LevelName(LeaderLevel? level) => level switch
    {
        LeaderLevel.City => "市级",
        LeaderLevel.District => "区级",
        LeaderLevel.Street => "街道",
        _ => "",
    };

    static readonly Spreadsheet.Column<LiaisonAssessmentView>[] AssessmentColumns =
    [
        new("排名", r => r.Rank),
        new("年度", r => r.Year),
        new("联系领导", r => r.LeaderDisplayName),
        new("账号", r => r.Leader),
        new("领导层级", r => LevelName(r.LeaderLevel)),
        new("联系点", r => r.CommunityName),
        new("社区代码", r => r.Community),
        new("后盾单位", r => r.BackingUnitName),
        new("目标数", r => r.TargetsTotal),
        new("完成目标数", r => r.TargetsMet),
        new("发现问题数", r => r.ProblemsFound),
        new("按期解决", r => r.ProblemsResolvedOnTime),
        new("逾期解决", r => r.ProblemsResolvedLate),
        new("逾期未解决", r => r.ProblemsOverdue),
        new("未到期问题", r => r.ProblemsNotYetDue),
        new("走访次数", r => r.Visits),
        new("应走访次数", r => r.VisitsRequired),
        new("目标完成率", r => r.TargetScore),
        new("问题解决率", r => r.ProblemScore),
        new("走访达标率", r => r.VisitScore),
        new("考核得分", r => r.Score),
    ];
}
