using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Meetings;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Store;
using Npgsql;

namespace CommunityWorkflows.Workflows.Meetings;

/// <summary>
/// The cadences the product ships: the regular meetings of the responsibility system (例会制度), on by default,
/// and the 三会一课 of community branches as presets, off until an administrator enables them. A key the
/// database has is left alone, so an administrator's change is never overwritten by a newer release.
/// </summary>
sealed class DefaultCadences : IShippedContent
{
    int IShippedContent.Order => 30;

    Task IShippedContent.InstallAsync(NpgsqlConnection connection, CancellationToken ct) => InstallAsync(connection, ct);

    public sealed record Shipped(string Key, string Name, OrgUnitKind AppliesTo, string Cron, ReminderRule Reminders, bool Enabled);

    const string Quarterly = "0 9 1 1,4,7,10 *";
    const string Monthly = "0 9 1 * *";

    public static readonly IReadOnlyList<Shipped> All =
    [
        new("district-semiannual", "区委研究社区党建工作例会（每半年）", OrgUnitKind.District, "0 9 1 1,7 *", new([30, 7]), Enabled: true),
        new("street-quarterly", "街道党工委研究社区党建工作例会（每季度）", OrgUnitKind.Street, Quarterly, new([14, 3]), Enabled: true),
        new("branch-committee-monthly", "支部委员会（三会一课·每月）", OrgUnitKind.Community, Monthly, new([7, 1]), Enabled: false),
        new("party-group-monthly", "党小组会（三会一课·每月）", OrgUnitKind.Community, Monthly, new([7, 1]), Enabled: false),
        new("member-meeting-quarterly", "支部党员大会（三会一课·每季度）", OrgUnitKind.Community, Quarterly, new([14, 3]), Enabled: false),
        new("party-lesson-quarterly", "党课（三会一课·每季度）", OrgUnitKind.Community, Quarterly, new([14, 3]), Enabled: false),
    ];

    public static async Task<int> InstallAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var installed = 0;
        foreach (var cadence in All)
        {
            // installed by the migrator before the host's services (and its clock) exist: the machine's time is the honest one
            if (await CommandRunner.RunOnAsync(connection, TimeProvider.System, Definitions.DefaultTemplates.Installer, scope => InstallInAsync(scope, cadence), ct))
                installed++;
        }
        return installed;
    }

    static async Task<bool> InstallInAsync(CommandScope scope, Shipped cadence)
    {
        var escalation = MeetingOwners.DefaultEscalation(cadence.AppliesTo);
        var inserted = await scope.ExecuteAsync(
            """
            insert into meeting_cadence (key, name, applies_to, cron, time_zone, reminders, escalation, enabled, preset, updated_at, updated_by)
            values (@Key, @Name, @appliesTo, @Cron, @zone, @reminders, @escalation::jsonb, @Enabled, true, @now, @by)
            on conflict (key) do nothing
            """,
            new
            {
                cadence.Key, cadence.Name, appliesTo = cadence.AppliesTo.ToString(), cadence.Cron, zone = Domain.Calendar.ChinaTime.ZoneId,
                reminders = cadence.Reminders.DaysBefore.ToArray(), escalation = CadenceRow.WriteEscalation(escalation), cadence.Enabled, now = scope.Now,
                by = Definitions.DefaultTemplates.Installer,
            });
        if (inserted == 1)
            scope.Journal(new JournalDraft(JournalStreams.Meetings(cadence.Key), "CadenceInstalled", cadence.Key,
                new { cadence.Name, appliesTo = cadence.AppliesTo.ToString(), cadence.Cron, timeZone = Domain.Calendar.ChinaTime.ZoneId, cadence.Enabled, escalation }));
        return inserted == 1;
    }
}
