using System.Text.Json;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Meetings;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Workflows.Meetings;

/// <summary>
/// The meeting cadences as stored: read by anyone signed in, added, changed and removed by a system
/// administrator. The database is the source of truth; the Hangfire recurring jobs are made to match it
/// (Jobs/MeetingSchedules) after every change and at every start.
/// </summary>
public sealed class MeetingCadences(NpgsqlDataSource db, CommandRunner commands, TimeProvider clock, ILogger<MeetingCadences> logger)
{
    public async Task<IReadOnlyList<CadenceView>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var now = clock.GetUtcNow();
        return (await CadenceRow.ListAsync(connection, ct)).Select(c => c.ToView(now)).ToList();
    }

    public async Task<CadenceView> GetAsync(string key, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await CadenceRow.FindAsync(connection, null, key, forUpdate: false, ct);
        return row?.ToView(clock.GetUtcNow()) ?? throw new NotFoundException(Say.Text($"No meeting cadence '{key}'.", $"不存在例会规则“{key}”。"));
    }

    /// <summary>
    /// Adds or replaces the cadence <paramref name="key"/> (SystemAdmin only); every bad field → 422 naming it.
    /// A new schedule (cron, time zone, units) or re-enabling starts afresh: its next run opens the current period.
    /// </summary>
    public async Task<CadenceView> PutAsync(string key, JsonElement body, Caller caller, CancellationToken ct)
    {
        if (!caller.IsSystemAdmin)
            throw new ForbiddenException(Say.Text("Only a system administrator may change meeting cadences.", "只有系统管理员才能修改例会规则。"));
        var (cadence, added) = await commands.RunAsync(caller, scope => PutInAsync(scope, key, body, caller), ct);
        logger.LogInformation("Meeting cadence {Key} {Action} by {User}: {Cron} ({TimeZone}) for every {AppliesTo}, enabled {Enabled}",
            key, added ? "added" : "changed", caller.Username, cadence.Schedule.Cron, cadence.Schedule.Zone.Id, cadence.AppliesTo, cadence.Enabled);
        return await GetAsync(key, ct);
    }

    static async Task<(CadenceDefinition Cadence, bool Added)> PutInAsync(CommandScope scope, string key, JsonElement body, Caller caller)
    {
        var stored = await CadenceRow.FindAsync(scope.Connection, scope.Transaction, key, forUpdate: true, scope.Cancellation);
        var now = scope.Now;
        var (cadence, errors) = CadenceParser.Parse(key, stored?.Complete(body) ?? body, now);
        if (cadence is null)
            throw new RuleViolationException(errors, Say.Text($"The cadence '{key}' is invalid; nothing was changed.", $"例会规则“{key}”有误，未作任何更改。"));
        var scopeUnitId = await ScopeAsync(scope, cadence);
        var escalation = CadenceRow.WriteEscalation(cadence.Escalation);
        var restart = stored is null || stored.Cron != cadence.Schedule.Cron || stored.TimeZone != cadence.Schedule.Zone.Id
            || stored.AppliesTo != cadence.AppliesTo.ToString() || stored.ScopeUnitId != scopeUnitId || !stored.Enabled && cadence.Enabled;
        await scope.ExecuteAsync(
            """
            insert into meeting_cadence (key, name, applies_to, scope_unit_id, cron, time_zone, reminders, escalation, enabled, preset, last_occurrence_at, updated_at, updated_by)
            values (@key, @name, @appliesTo, @scopeUnitId, @cron, @timeZone, @reminders, @escalation::jsonb, @enabled, false, null, @now, @by)
            on conflict (key) do update
            set name = excluded.name, applies_to = excluded.applies_to, scope_unit_id = excluded.scope_unit_id, cron = excluded.cron,
                time_zone = excluded.time_zone, reminders = excluded.reminders, escalation = excluded.escalation, enabled = excluded.enabled,
                last_occurrence_at = case when @restart then null else meeting_cadence.last_occurrence_at end,
                next_occurrence_at = case when @restart then null else meeting_cadence.next_occurrence_at end,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """,
            new
            {
                key, name = cadence.Name, appliesTo = cadence.AppliesTo.ToString(), scopeUnitId, cron = cadence.Schedule.Cron, timeZone = cadence.Schedule.Zone.Id,
                reminders = cadence.Reminders.DaysBefore.ToArray(), escalation, enabled = cadence.Enabled, now, by = caller.Username, restart,
            });
        scope.Journal(new JournalDraft(JournalStreams.Meetings(key), stored is null ? "CadenceAdded" : "CadenceChanged", key, new
        {
            cadence.Name, appliesTo = cadence.AppliesTo.ToString(), cadence.ScopeCode, cron = cadence.Schedule.Cron, timeZone = cadence.Schedule.Zone.Id,
            reminders = cadence.Reminders.DaysBefore, cadence.Escalation, cadence.Enabled, restart,
        }));
        return (cadence, stored is null);
    }

    sealed record ScopeRow(long Id, string Kind);

    /// <summary>The unit under which the cadence applies; it must be one whose subtree holds units of its kind.</summary>
    static async Task<long?> ScopeAsync(CommandScope scope, CadenceDefinition cadence)
    {
        if (cadence.ScopeCode is null) return null;
        var unit = await scope.SingleOrDefaultAsync<ScopeRow>("select id, kind from org_unit where code = @code", new { code = cadence.ScopeCode })
            ?? throw new RuleViolationException("/scopeCode", Say.Text($"Unknown org unit '{cadence.ScopeCode}'.", $"未知组织单位“{cadence.ScopeCode}”。"));
        var kind = Enum.Parse<OrgUnitKind>(unit.Kind);
        if (kind > cadence.AppliesTo)
            throw new RuleViolationException("/scopeCode",
                Say.Text($"'{cadence.ScopeCode}' is a {kind}: it holds no {cadence.AppliesTo} to owe these meetings; name a unit at or above the {cadence.AppliesTo} level.", $"“{cadence.ScopeCode}”是{kind}，其下没有须召开这些会议的{cadence.AppliesTo}；请指定{cadence.AppliesTo}级或更高层级的单位。"));
        return unit.Id;
    }

    /// <summary>Removes a cadence that never opened an obligation; one that did is kept for its record (disable it instead → 409).</summary>
    public async Task RemoveAsync(string key, Caller caller, CancellationToken ct)
    {
        if (!caller.IsSystemAdmin)
            throw new ForbiddenException(Say.Text("Only a system administrator may remove meeting cadences.", "只有系统管理员才能删除例会规则。"));
        await commands.RunAsync(caller, async scope =>
        {
            _ = await CadenceRow.FindAsync(scope.Connection, scope.Transaction, key, forUpdate: true, scope.Cancellation)
                ?? throw new NotFoundException(Say.Text($"No meeting cadence '{key}'.", $"不存在例会规则“{key}”。"));
            if (await scope.ScalarAsync<bool>("select exists (select 1 from meeting where cadence_key = @key)", new { key }))
                throw new ConflictException(Say.Text($"The cadence '{key}' has opened meeting obligations; disable it (enabled: false) to stop it and keep its record.", $"例会规则“{key}”已生成会议任务；如需停止，请将其停用（enabled: false）并保留记录。"));
            await scope.ExecuteAsync("delete from meeting_cadence where key = @key", new { key });
            scope.Journal(new JournalDraft(JournalStreams.Meetings(key), "CadenceRemoved", key));
        }, ct);
        logger.LogInformation("Meeting cadence {Key} removed by {User}", key, caller.Username);
    }
}
