using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Store;
using CommunityWorkflows.Workflows.Commands;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Assessment;

/// <summary>
/// Who answered for what in a year (责任制落实情况): for every cycle of the year that is not cancelled, the
/// participants under the scope, grouped by their District's secretary (第一责任人) and their Street's secretary
/// (直接责任人). Grades count only once a cycle's results are published, as they were published.
/// </summary>
public sealed class AccountabilityReport(CommandRunner commands, TimeProvider clock)
{
    sealed record UnitRow(
        long CycleId, long OrgUnitId, string Code, string Name, long? StreetId, long? DistrictId, int? Rank, decimal? Total, string? Grade,
        int TasksTotal, int TasksDone, int TasksOverdue, int TasksLate, int FindingsOpen, int FindingsOverdue, int FindingsVerified);

    sealed record ResponsibleUnit(long Id, string Code, string Name, string? Username, string? DisplayName);

    public async Task<IReadOnlyList<AccountabilityRow>> ReportAsync(int? year, string? scopeCode, Caller caller, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (year is not { } y || !Years.IsValid(y))
            errors.Add(new("/year", Say.Text($"year is required; {Years.Problem}", $"年度为必填项；{Years.Problem}")));
        if (string.IsNullOrWhiteSpace(scopeCode))
            errors.Add(new("/scopeCode", Say.Text("scopeCode is required: the org unit the report covers.", "范围单位（scopeCode）为必填项：报表所覆盖的组织单位。")));
        if (errors.Count > 0)
            throw new RuleViolationException(errors, Say.Text("The report needs a year and a scope.", "报表须指定年度和范围。"));

        var (units, responsible) = await commands.ReadAsync(async tx =>
        {
            var connection = tx.Connection!;
            var scope = await Organisation.OrgScope.PrefixAsync(connection, tx, scopeCode, caller, ct);
            var units = (await connection.QueryAsync<UnitRow>(new CommandDefinition(UnitsSql,
                new { year, scope, now = clock.GetUtcNow(), roles = AccountabilityRules.UnitRoles.ToArray() }, tx, cancellationToken: ct))).ToList();
            var responsible = (await connection.QueryAsync<ResponsibleUnit>(new CommandDefinition(
                """
                select u.id, u.code, u.name, a.username, a.display_name
                from org_unit u left join app_user a on a.id = u.secretary_user_id where u.id = any(@ids)
                """,
                new { ids = units.SelectMany(u => new[] { u.StreetId, u.DistrictId }).OfType<long>().Distinct().ToArray() }, tx, cancellationToken: ct)))
                .ToDictionary(u => u.Id);
            return (units, responsible);
        }, ct);

        static AccountableUnit Accountable(UnitRow u) =>
            new(u.Code, u.Name, u.CycleId, u.Rank, u.Total, u.Grade is null ? null : Enum.Parse<Grade>(u.Grade));
        return
        [
            .. Rows(units.Where(u => u.DistrictId is not null).GroupBy(u => u.DistrictId!.Value), Responsibility.FirstResponsible, responsible, Accountable),
            .. Rows(units.Where(u => u.StreetId is not null).GroupBy(u => u.StreetId!.Value), Responsibility.DirectResponsible, responsible, Accountable),
        ];
    }

    static IEnumerable<AccountabilityRow> Rows(
        IEnumerable<IGrouping<long, UnitRow>> groups, Responsibility responsibility, IReadOnlyDictionary<long, ResponsibleUnit> responsible, Func<UnitRow, AccountableUnit> accountable) =>
        groups.Select(g => (Unit: responsible[g.Key], Rows: g.OrderBy(u => u.Code, StringComparer.Ordinal).ThenBy(u => u.CycleId).ToList()))
            .OrderBy(g => g.Unit.Code, StringComparer.Ordinal)
            .Select(g =>
            {
                var units = g.Rows.Select(accountable).ToList();
                return new AccountabilityRow(g.Unit.Username, g.Unit.DisplayName, responsibility, g.Unit.Code, g.Unit.Name, units,
                    g.Rows.Sum(u => u.TasksTotal), g.Rows.Sum(u => u.TasksDone), g.Rows.Sum(u => u.TasksOverdue), g.Rows.Sum(u => u.TasksLate),
                    g.Rows.Sum(u => u.FindingsOpen), g.Rows.Sum(u => u.FindingsOverdue), g.Rows.Sum(u => u.FindingsVerified),
                    units.Count == 1 ? units[0].Grade : null, GradeCounts.Of(units.Select(u => u.Grade)));
            });

    // the unit's own tasks only (AccountabilityRules.UnitRoles); findings by their rectification task's state;
    // rank, total and grade as published (none before): only the scope's units are read, nothing is recomputed
    const string UnitsSql = """
        select i.cycle_id, u.id as org_unit_id, u.code, u.name, u.street_id, u.district_id, r.rank, r.total, r.grade,
               count(t.id) filter (where own and t.status <> 'Cancelled')::int as tasks_total,
               count(t.id) filter (where own and t.status = 'Accepted')::int as tasks_done,
               count(t.id) filter (where own and t.status in ('Open', 'Returned') and t.due_at < @now)::int as tasks_overdue,
               count(t.id) filter (where own and t.overdue_at is not null)::int as tasks_late,
               count(f.id) filter (where t.status not in ('Accepted', 'Cancelled'))::int as findings_open,
               count(f.id) filter (where t.status in ('Open', 'Returned') and t.due_at < @now)::int as findings_overdue,
               count(f.id) filter (where t.status = 'Accepted')::int as findings_verified
        from instance i
        join cycle c on c.id = i.cycle_id
        join org_unit u on u.id = i.org_unit_id
        left join assessment_result r on r.cycle_id = c.id and r.org_unit_id = u.id
        left join lateral (select t.*, t.assignee = any(@roles) as own from task t where t.instance_id = i.id) t on true
        left join finding f on f.task_id = t.id
        where c.year = @year and c.status <> 'Cancelled' and u.path like @scope
        group by i.cycle_id, u.id, u.code, u.name, u.street_id, u.district_id, r.rank, r.total, r.grade
        """;
}
