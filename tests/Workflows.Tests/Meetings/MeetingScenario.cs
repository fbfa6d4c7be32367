using System.Text.Json;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Meetings;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Meetings;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Tests.Runtime;

namespace CommunityWorkflows.Workflows.Tests.Meetings;

/// <summary>
/// A cadence of a test's own, scoped to its world's district so that tests sharing a database never see each
/// other's obligations; every other cadence is switched off so that inboxes and counts hold only this test's obligations.
/// </summary>
sealed class MeetingScenario
{
    public static readonly Caller Root = new(0, "root", [new RoleGrant(Role.SystemAdmin, null, null)]);

    MeetingScenario(World world, CadenceView cadence) => (World, Cadence) = (world, cadence);

    public World World { get; }
    public CadenceView Cadence { get; }
    EngineFixture Engine => World.Engine;
    public CadenceSchedule Schedule => CadenceSchedule.Of(Cadence.Cron, Cadence.TimeZone);

    public static async Task<MeetingScenario> CreateAsync(EngineFixture engine, int streets = 2, string appliesTo = "Street", string cron = "0 9 1 1,4,7,10 *", string extra = "")
    {
        await SwitchOffEnabledAsync(engine);
        var cadences = engine.Get<MeetingCadences>();
        var world = await World.CreateAsync(engine, streets);
        // an hour before the schedule's next occurrence the current period has ended: the cadence's first run opens the next one
        var next = CadenceSchedule.Of(cron, "Asia/Shanghai").NextAfter(engine.Clock.GetUtcNow())!.Value;
        await world.Advancer.AdvanceToAsync(next.AddHours(-1), CancellationToken.None);
        var key = "t-" + world.Prefix.ToLowerInvariant();
        var body = JsonDocument.Parse($$"""
            {"name": "测试例会", "appliesTo": "{{appliesTo}}", "cron": "{{cron}}", "timeZone": "Asia/Shanghai", "scopeCode": "{{world.District}}" {{extra}}}
            """).RootElement;
        return new MeetingScenario(world, await cadences.PutAsync(key, body, Root, CancellationToken.None));
    }

    /// <summary>
    /// Switches off every cadence enabled in the fixture's database — the shipped ones and those of earlier tests
    /// of the class: tests that count what an advance opened, every timer due or every notice in an inbox would
    /// otherwise meet the obligations those open as the clock moves.
    /// </summary>
    public static async Task SwitchOffEnabledAsync(EngineFixture engine)
    {
        var cadences = engine.Get<MeetingCadences>();
        foreach (var enabled in (await cadences.ListAsync(CancellationToken.None)).Where(c => c.Enabled))
            await cadences.PutAsync(enabled.Key, Body(enabled.Name, enabled.AppliesTo, enabled.Cron, enabled.ScopeCode, enabled: false), Root, CancellationToken.None);
    }

    static JsonElement Body(string name, string appliesTo, string cron, string? scopeCode, bool enabled) =>
        JsonSerializer.SerializeToElement(new { name, appliesTo, cron, timeZone = "Asia/Shanghai", enabled, scopeCode });

    public async Task<IReadOnlyList<MeetingView>> MeetingsAsync(string? status = null, Caller? caller = null) =>
        await Engine.Get<MeetingQueries>().ListAsync(new MeetingFilter(null, null, status, Cadence.Key), caller ?? Root, CancellationToken.None);

    public async Task<IReadOnlyList<NotificationView>> InboxAsync(string role) =>
        await Engine.Get<Inbox>().ListAsync(false, null, 1000, null, await World.CallerAsync(role), CancellationToken.None);

    /// <summary>Moves the clock to the start of the cadence's next period (09:00 China time, its occurrence) plus an hour.</summary>
    public async Task<DateTimeOffset> AdvanceIntoNextPeriodAsync()
    {
        var next = Schedule.NextAfter(Engine.Clock.GetUtcNow())!.Value;
        await World.Advancer.AdvanceToAsync(next.AddHours(1), CancellationToken.None);
        return next;
    }
}
