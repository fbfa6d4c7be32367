using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows.Definitions;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Runtime;

using CommunityWorkflows.Host.Api.OpenApi;

namespace CommunityWorkflows.Host.Api;

static class CycleEndpoints
{
    public sealed record CancelRequest(string? Reason = null);

    public sealed record LaunchBody(string? TemplateKey, int? Year, string? ScopeCode, int? TemplateVersion = null);


    public static void MapCycles(this IEndpointRouteBuilder app)
    {
        var cycles = app.MapGroup("/api/cycles").WithTags("Cycles");

        cycles.MapPost("/", async (LaunchBody body, HttpContext context, Templates templates, CycleLauncher launcher, CancellationToken ct) =>
        {
            var missing = new List<FieldError>();
            if (string.IsNullOrWhiteSpace(body.TemplateKey)) missing.Add(new("/templateKey", Say.Text("templateKey is required.", "模板（templateKey）为必填项。")));
            if (body.Year is null) missing.Add(new("/year", Say.Text("year is required.", "年度为必填项。")));
            if (string.IsNullOrWhiteSpace(body.ScopeCode)) missing.Add(new("/scopeCode", Say.Text("scopeCode is required.", "范围单位（scopeCode）为必填项。")));
            if (missing.Count > 0) throw new RuleViolationException(missing, Say.Text("The cycle could not be launched.", "无法发起该轮工作。"));
            var template = await templates.LoadPublishedAsync(body.TemplateKey!, body.TemplateVersion, ct);
            var cycle = await launcher.LaunchAsync(
                new LaunchRequest(template.Key, template.Version, template.Definition, body.Year!.Value, body.ScopeCode), context.Caller(), ct);
            return Results.Created($"/api/cycles/{cycle.Id}", cycle);
        })
        .WithName("LaunchCycle").Produces<CycleView>(StatusCodes.Status201Created)
        .WithSummary("Launch a published template for a year over a scope: one instance per participant; the same template, year and scope again → 409; a template owned by a unit only over that unit or beneath it (else 403).");

        cycles.MapGet("/", async (int? year, HttpContext context, CycleQueries queries, CancellationToken ct) =>
            await queries.ListAsync(year, context.Caller(), ct))
            .WithName("ListCycles")
            .WithSummary("Cycles the caller can see (their scope, or the cycles they work inside), newest first.");

        cycles.MapGet("/{id:long}", async (long id, HttpContext context, CycleQueries queries, CancellationToken ct) =>
            await queries.GetAsync(id, context.Caller(), ct))
            .WithName("GetCycle")
            .WithSummary("A cycle with its stages and how many tasks of each are open, submitted, accepted and overdue.");

        cycles.MapGet("/{id:long}/participants", async (long id, HttpContext context, CycleQueries queries, CancellationToken ct) =>
            await queries.ParticipantsAsync(id, context.Caller(), ct))
            .WithName("ListCycleParticipants")
            .WithSummary("The participants in the caller's scope: stage, tasks done of total, overdue.");

        cycles.MapPost("/{id:long}/cancel", async (long id, CancelRequest? request, HttpContext context, CycleCancellation cancellation, CancellationToken ct) =>
            await cancellation.CancelAsync(id, request?.Reason, context.Caller(), ct))
            .WithName("CancelCycle")
            .WithSummary("Stop a running cycle: its timers stop, open tasks are cancelled (DistrictAdmin over the scope).");

        // for those whose scope covers the whole cycle
        cycles.MapJournal<CycleQueries>("Cycle", "cycle's transitions", JournalStreams.Cycle, (queries, id, caller, ct) => queries.EnsureWholeCycleAsync(id, caller, ct));
    }
}
