using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows;
using CommunityWorkflows.Workflows.Clock;

using CommunityWorkflows.Host.Api.OpenApi;

namespace CommunityWorkflows.Host.Api;

/// <summary>The simulated clock: only with Clock:Mode=Simulated (404 otherwise), SystemAdmin only.</summary>
static class ClockEndpoints
{
    public sealed record AdvanceRequest(DateTimeOffset? To);

    /// <summary>The clock's time and mode (<c>Simulated</c>).</summary>
    public sealed record ClockView(DateTimeOffset Now, string Mode);

    public static void MapClock(this IEndpointRouteBuilder app)
    {
        var clock = app.MapGroup("/api/admin/clock").WithTags("Simulated time").RequireAuthorization(CallerAuthentication.SystemAdminPolicy);

        clock.MapGet("/", (CommunityWorkflowsOptions options, TimeProvider time) =>
        {
            EnsureSimulated(options);
            return Results.Ok(new ClockView(time.GetUtcNow(), options.Clock.ToString()));
        })
        .WithName("GetClock").Produces<ClockView>().Problems(403, 404)
        .WithSummary("The simulated clock's time.");

        clock.MapPost("/advance", async (AdvanceRequest request, CommunityWorkflowsOptions options, IServiceProvider services, CancellationToken ct) =>
        {
            EnsureSimulated(options);
            var to = request.To ?? throw new RuleViolationException("/to", Say.Text("to is required (an ISO 8601 instant).", "目标时间（to）为必填项（ISO 8601 时间）。"));
            return await services.GetRequiredService<ClockAdvancer>().AdvanceToAsync(to, ct);
        })
        .WithName("AdvanceClock").Problems(404)
        .WithSummary("Move the simulated clock forward to `to`, firing every timer due on the way, in order.");
    }

    static void EnsureSimulated(CommunityWorkflowsOptions options)
    {
        if (options.Clock != ClockMode.Simulated)
            throw new NotFoundException(Say.Text("The clock is the system clock; start the host with Clock:Mode=Simulated to move it.", "当前使用系统时钟；如需调整时间，请以 Clock:Mode=Simulated 启动服务。"));
    }
}
