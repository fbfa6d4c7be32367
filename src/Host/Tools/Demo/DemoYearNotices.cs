using CommunityWorkflows.Workflows.Notifications;

namespace CommunityWorkflows.Host.Tools.Demo;

/// <summary>
/// Who to sign in as for each part of the product, what waits for them first, and how many unread notices the year
/// left in their inbox — every notice written by the engine's own timers and commands as the clock passed.
/// </summary>
public static class DemoYearNotices
{
    public sealed record Persona(string Who, string Username, string FirstLook);

    public sealed record Inbox(Persona Persona, int Unread);

    /// <summary>The personas; the system administrator is left out of notices by the engine's rules (it answers for no unit).</summary>
    public static readonly IReadOnlyList<Persona> Personas =
    [
        new("区委组织部 DistrictAdmin", "dh.admin", "/tasks: 新华街道's duty report to review, 柳湾's scoring and democratic rating"),
        new("第一责任人 Leader (district)", "dh.secretary", "/notifications: escalations; /cycles: the year's progress of 东湖区"),
        new("第一责任人 Leader (district)", "xs.secretary", "/notifications: 青松街道's targets escalated to you, overdue since 31 March"),
        new("直接责任人 StreetOfficer", "ty.secretary", "/tasks: the duty report sent back with the reviewer's comment"),
        new("直接责任人 StreetOfficer", "lw.secretary", "/findings: a rectification sent back; /meetings: this quarter's meeting"),
        new("直接责任人 StreetOfficer", "qs.secretary", "/tasks: overdue and escalated targets; no liaison point (compliance report)"),
        new("社区党组织 CommunityOfficer", "lw01.officer", "/liaison-points: the overdue problems of 柳湾和平社区"),
        new("市级领导 Leader (city)", "city.leader1", "/liaison-points: the dashboard, problems overdue and escalated to you"),
        new("督查组 Inspector", "dh.inspector", "/findings: 桃源街道's rectification waiting for verification (销号)"),
        new("系统管理员 SystemAdmin", "demo.admin", "/cycles, /users, /hangfire: the whole city (no inbox: it answers for no unit)"),
    ];

    internal static async Task<IReadOnlyList<Inbox>> ReadAsync(DemoYearContext c, CancellationToken ct)
    {
        var unread = c.Get<UnreadNotices>();
        var inboxes = new List<Inbox>();
        foreach (var persona in Personas)
            inboxes.Add(new Inbox(persona, await unread.CountAsync(c.As(persona.Username), ct)));
        return inboxes;
    }
}
