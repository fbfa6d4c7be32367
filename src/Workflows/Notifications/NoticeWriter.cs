using CommunityWorkflows.Domain.Runtime;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Notifications;

/// <summary>
/// Turns notices into inbox rows, set-based: each notice's audience is resolved to people by the same
/// <see cref="Audiences.Rules"/> that decide who may act (secretaries and role holders along the unit's
/// line), direct recipients are added, and one row per person is written with a unique idempotency key.
/// </summary>
public sealed class NoticeWriter
{
    static readonly string RulesSql = string.Join(", ", Audiences.Rules.Select(r =>
        $"('{r.Audience}', {(r.SecretaryOf is { } s ? $"'{s}'" : "null")}, '{r.Role}', '{r.RoleAt}')"));

    static readonly string InsertSql = $"""
        with notice (n, key, kind, subject, org_unit_id, audience, cycle_id, task_id, meeting_id, problem_id) as (
            select * from unnest(@ns, @keys, @kinds, @subjects, @unitIds, @audiences, @cycleIds, @taskIds, @meetingIds, @problemIds)
        ), rule (audience, secretary_of, role, role_at) as (
            values {RulesSql}
        ), target (n, secretary_unit, role, unit_id) as (
            -- one row per unit where the role is looked for: equi-joins below, not a scan of every role holder per notice
            select n.n,
                   case r.secretary_of when 'Participant' then u.id when 'Street' then u.street_id when 'District' then u.district_id end,
                   r.role, t.unit_id
            from notice n join org_unit u on u.id = n.org_unit_id join rule r on r.audience = n.audience
            cross join lateral unnest(case r.role_at
                when 'Participant' then array[u.id] when 'Street' then array[u.street_id]
                when 'District' then array[u.district_id] else u.chain end) as t(unit_id)
        ), recipient (n, user_id) as (
            select distinct t.n, s.secretary_user_id
            from target t join org_unit s on s.id = t.secretary_unit
            where s.secretary_user_id is not null
            union
            select t.n, ur.user_id from target t join user_role ur on ur.org_unit_id = t.unit_id and ur.role = t.role
            union
            select d.n, d.user_id from unnest(@directNs, @directUsers) as d(n, user_id)
        )
        insert into notification (user_id, kind, subject, created_at, cycle_id, task_id, meeting_id, problem_id, idempotency_key)
        select rc.user_id, n.kind, n.subject, @now, n.cycle_id, n.task_id, n.meeting_id, n.problem_id, n.key || ':user:' || rc.user_id
        from recipient rc join notice n on n.n = rc.n
        on conflict (idempotency_key) do nothing
        """;

    /// <summary>Writes the notices; returns how many inbox rows were added.</summary>
    public async Task<int> WriteAsync(NpgsqlTransaction tx, IReadOnlyList<Notice> notices, DateTimeOffset now, CancellationToken ct)
    {
        if (notices.Count == 0) return 0;
        var direct = notices.SelectMany((n, i) => (n.UserIds ?? []).Select(u => (N: i, User: u))).ToList();
        return await tx.Connection!.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            now,
            ns = Enumerable.Range(0, notices.Count).ToArray(),
            keys = notices.Select(n => n.Key).ToArray(),
            kinds = notices.Select(n => n.Kind).ToArray(),
            subjects = notices.Select(n => n.Subject).ToArray(),
            unitIds = notices.Select(n => n.OrgUnitId).ToArray(),
            audiences = notices.Select(n => n.Audience).ToArray(),
            cycleIds = notices.Select(n => n.CycleId).ToArray(),
            taskIds = notices.Select(n => n.TaskId).ToArray(),
            meetingIds = notices.Select(n => n.MeetingId).ToArray(),
            problemIds = notices.Select(n => n.ProblemId).ToArray(),
            directNs = direct.Select(d => d.N).ToArray(),
            directUsers = direct.Select(d => d.User).ToArray(),
        }, tx, cancellationToken: ct));
    }
}
