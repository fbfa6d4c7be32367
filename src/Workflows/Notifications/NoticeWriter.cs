using CommunityWorkflows.Domain.Runtime;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Notifications;

/// <summary>
/// Turns notices into inbox rows, set-based: each notice's audience is resolved to people by the same
/// <see cref="Audiences.Rules"/> that decide who may act (secretaries and role holders around the
/// participant), and one row per person is written with a unique idempotency key.
/// </summary>
public sealed class NoticeWriter
{
    static readonly string RulesSql = string.Join(", ", Audiences.Rules.Select(r =>
        $"('{r.Audience}', {(r.SecretaryOf is { } s ? $"'{s}'" : "null")}, '{r.Role}', '{r.RoleAt}')"));

    static readonly string InsertSql = $"""
        with notice (key, kind, subject, cycle_id, task_id, instance_id, audience) as (
            select * from unnest(@keys, @kinds, @subjects, @cycleIds, @taskIds, @instanceIds, @audiences)
        ), rule (audience, secretary_of, role, role_at) as (
            values {RulesSql}
        ), target (key, audience, secretary_unit, role, unit_id) as (
            -- one row per unit where the role is looked for: equi-joins below, not a scan of every role holder per notice
            select n.key, n.audience,
                   case r.secretary_of when 'Participant' then i.org_unit_id when 'Street' then i.street_unit_id when 'District' then i.district_unit_id end,
                   r.role, u.unit_id
            from notice n join instance i on i.id = n.instance_id join rule r on r.audience = n.audience
            cross join lateral unnest(case r.role_at
                when 'Participant' then array[i.org_unit_id] when 'Street' then array[i.street_unit_id]
                when 'District' then array[i.district_unit_id] else i.unit_chain end) as u(unit_id)
        ), recipient (key, user_id) as (
            select distinct t.key, s.secretary_user_id
            from target t join org_unit s on s.id = t.secretary_unit
            where s.secretary_user_id is not null
            union
            select t.key, ur.user_id
            from target t join user_role ur on ur.org_unit_id = t.unit_id and ur.role = t.role
        )
        insert into notification (user_id, kind, subject, created_at, cycle_id, task_id, idempotency_key)
        select rc.user_id, n.kind, n.subject, @now, n.cycle_id, n.task_id, n.key || ':user:' || rc.user_id
        from recipient rc join notice n on n.key = rc.key
        on conflict (idempotency_key) do nothing
        """;

    /// <summary>Writes the notices; returns how many inbox rows were added.</summary>
    public async Task<int> WriteAsync(NpgsqlTransaction tx, IReadOnlyList<Notice> notices, DateTimeOffset now, CancellationToken ct)
    {
        if (notices.Count == 0) return 0;
        return await tx.Connection!.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            now,
            keys = notices.Select(n => n.Key).ToArray(),
            kinds = notices.Select(n => n.Kind).ToArray(),
            subjects = notices.Select(n => n.Subject).ToArray(),
            cycleIds = notices.Select(n => n.CycleId).ToArray(),
            taskIds = notices.Select(n => n.TaskId).ToArray(),
            instanceIds = notices.Select(n => n.InstanceId).ToArray(),
            audiences = notices.Select(n => n.Audience).ToArray(),
        }, tx, cancellationToken: ct));
    }
}
