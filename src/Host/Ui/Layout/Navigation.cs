using CommunityWorkflows.Domain.Access;

namespace CommunityWorkflows.Host.Ui.Layout;

/// <summary>One entry of the navigation: its address, the resource key of its name, and the roles that see it.</summary>
public sealed record NavEntry(string Href, string TextKey, IReadOnlyList<Role> Roles, bool ExactMatch = false, bool External = false);

/// <summary>The navigation, built from the person's grants: a person with several roles sees the union.</summary>
public static class Navigation
{
    static readonly Role[] Everyone = Enum.GetValues<Role>();

    public static IReadOnlyList<NavEntry> All { get; } =
    [
        new("/", "NavWorkbench", Everyone, ExactMatch: true),
        new("/tasks", "NavMyTasks", [Role.StreetOfficer, Role.CommunityOfficer, Role.DistrictAdmin]),
        new("/cycles", "NavCycles", [Role.DistrictAdmin, Role.Leader, Role.Inspector]),
        new("/findings", "NavFindings", [Role.DistrictAdmin, Role.Inspector, Role.StreetOfficer, Role.CommunityOfficer]),
        new("/meetings", "NavMeetings", [Role.DistrictAdmin, Role.StreetOfficer, Role.CommunityOfficer, Role.Leader]),
        new("/liaison-points", "NavLiaison", [Role.Leader, Role.DistrictAdmin, Role.StreetOfficer]),
        new("/org-units", "NavOrgUnits", [Role.DistrictAdmin]),
        new("/templates", "NavTemplates", [Role.DistrictAdmin]),
        new("/calendars", "NavCalendars", []),
        new("/users", "NavUsers", [Role.DistrictAdmin]),
        new("/hangfire", "NavJobs", [], External: true),
    ];

    /// <summary>The entries <paramref name="caller"/> sees; a system administrator sees every one.</summary>
    public static IEnumerable<NavEntry> For(Caller caller) =>
        All.Where(e => caller.IsSystemAdmin || caller.Grants.Any(g => e.Roles.Contains(g.Role)));
}
