using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Calendar;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Runtime;
using CommunityWorkflows.Workflows.Store;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Assessment;

/// <summary>
/// Inspection findings (问题 → 整改 → 销号). Recording one gives the unit a rectification task of its own, due
/// so many working days later, with the template's reminders and escalation: the same task actions, timers,
/// journal and notices as every other task. The reviewer's Accept is the verification (销号): an inspector's for the
/// findings an inspector records, a district administrator's for those a district administrator records.
/// </summary>
public sealed class Findings(
    NpgsqlDataSource db, CommandRunner commands, Calendars calendars, CycleDefinitions definitions, TimeProvider clock)
{
    /// <summary>Records a finding against a participant (Inspector or DistrictAdmin over it) with its rectification task, in one transaction.</summary>
    public async Task<FindingView> RecordAsync(long cycleId, NewFinding finding, Caller caller, CancellationToken ct)
    {
        var calendar = await calendars.LoadAsync(ct);
        var findingId = await commands.RunAsync(caller, scope => RecordInAsync(scope, cycleId, finding, calendar, caller), ct);
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await ReadAsync(connection, cycleId, null, null, findingId, caller, ct)).Single();
    }

    async Task<long> RecordInAsync(CommandScope scope, long cycleId, NewFinding finding, BusinessCalendar calendar, Caller caller)
    {
        var (connection, tx, ct) = (scope.Connection, scope.Transaction, scope.Cancellation);
        // shared with other writers, exclusive against a cancellation: no rectification is created behind its sweep
        var cycle = await AssessedCycle.LoadAsync(connection, tx, definitions, cycleId, caller, CycleLock.Share, ct);
        if (!caller.Grants.Any(g => g.Role is Role.Inspector or Role.DistrictAdmin) && !caller.IsSystemAdmin)
            throw new ForbiddenException(Say.Text("Only an inspector or a district administrator may record findings.", "只有督查人员或区级管理员才能登记督查问题。"));
        var unit = string.IsNullOrWhiteSpace(finding.OrgUnitCode) ? null
            : await CycleParticipant.FindAsync(connection, tx, cycleId, finding.OrgUnitCode.Trim(), caller, ct);
        if (unit is not null && !caller.Holds(unit.Path, Role.Inspector, Role.DistrictAdmin))
            throw new ForbiddenException(Say.Text($"Only an inspector or a district administrator over {unit.Code} may record findings against it.", $"只有督查人员或管辖 {unit.Code} 的区级管理员才能登记该单位的督查问题。"));
        if (cycle.Status != "Running")
            throw new ConflictException(Say.Text($"Cycle {cycleId} is {cycle.Status}; findings are recorded while it runs.", $"考核周期 {cycleId} {Say.Name(cycle.Status)}，督查问题须在轮次进行中登记。"));
        var errors = FindingRules.Check(finding, cycle.Definition.Indicators).ToList();
        if (unit is null && !string.IsNullOrWhiteSpace(finding.OrgUnitCode))
            errors.Insert(0, new FieldError("/orgUnitCode", Say.Text($"'{finding.OrgUnitCode}' is not a participant of cycle {cycleId}.", $"“{finding.OrgUnitCode}”不是考核周期 {cycleId} 的参与单位。")));
        if (errors.Count > 0)
            throw new RuleViolationException(errors, Say.Text("The finding could not be recorded.", "无法登记该督查问题。"));

        var now = scope.Now;
        var description = finding.Description!.Trim();
        var severity = FindingRules.ParseSeverity(finding.Severity)!.Value;
        var reviewer = Rectification.ReviewerFor(caller, unit!.Path);
        var (dueOn, assumedYears) = Rectification.DueDate(ChinaTime.DateOf(now), finding.RectifyWithinDays!.Value, calendar);
        var findingId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            insert into finding (cycle_id, instance_id, org_unit_id, description, severity, indicator_code, rectify_within_days, assumed_years, reviewer, recorded_by, recorded_at)
            values (@cycleId, @instanceId, @orgUnitId, @description, @severity, @indicatorCode, @days, @assumedYears, @reviewer, @by, @now)
            returning id
            """,
            new
            {
                cycleId, unit.InstanceId, unit.OrgUnitId, description, severity = severity.ToString(),
                finding.IndicatorCode, days = finding.RectifyWithinDays, assumedYears = assumedYears.ToArray(), reviewer, by = caller.Username, now,
            }, tx, cancellationToken: ct));

        var taskKey = $"rectification:{findingId}";
        var task = Rectification.Task(taskKey, description, Enum.Parse<OrgUnitKind>(cycle.Definition.Participants.Kind), reviewer);
        var taskId = await OwnTasks.CreateAsync(tx, unit.InstanceId, TaskOrigins.Rectification, taskKey,
            new OwnTaskDefinition(task, cycle.Definition.Reminders, cycle.Definition.Escalation), dueOn, now, calendar, ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "update finding set task_id = @taskId where id = @findingId", new { taskId, findingId }, tx, cancellationToken: ct));

        scope.Notify(new Notice($"finding:{findingId}", AssessmentNotices.FindingKind, AssessmentNotices.Finding(unit.Name, description, dueOn),
            unit.OrgUnitId, task.Assignee, CycleId: cycleId, TaskId: taskId));
        scope.Journal(
            new JournalDraft(JournalStreams.Cycle(cycleId), "FindingRecorded", $"finding:{findingId}", new
            {
                orgUnitCode = unit.Code, description, severity = severity.ToString(), finding.IndicatorCode, finding.RectifyWithinDays,
                dueOn = dueOn.ToString("yyyy-MM-dd"), assumedYears, reviewer, rectificationTaskId = taskId,
            }));
        return findingId;
    }

    /// <summary>The cycle's findings in the caller's scope, by unit and status, in the order recorded.</summary>
    public async Task<IReadOnlyList<FindingView>> ListAsync(long cycleId, string? orgUnitCode, string? status, Caller caller, CancellationToken ct)
    {
        FindingStatus? wanted = null;
        if (status is not null)
            wanted = EnumText.TryParse<FindingStatus>(status, out var s)
                ? s : throw new RuleViolationException("/status", Say.Text($"Unknown status '{status}'; expected one of {EnumText.Expected<FindingStatus>()}.", $"未知状态“{status}”，应为以下之一：{EnumText.Expected<FindingStatus>()}。"));
        await using var connection = await db.OpenConnectionAsync(ct);
        await AssessedCycle.LoadAsync(connection, null, definitions, cycleId, caller, CycleLock.None, ct);
        return await ReadAsync(connection, cycleId, orgUnitCode, wanted, null, caller, ct);
    }

    /// <summary>One finding, if the caller sees its unit (404 otherwise).</summary>
    public async Task<FindingView> GetAsync(long cycleId, long findingId, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await AssessedCycle.LoadAsync(connection, null, definitions, cycleId, caller, CycleLock.None, ct);
        return (await ReadAsync(connection, cycleId, null, null, findingId, caller, ct)).SingleOrDefault()
            ?? throw new NotFoundException(Say.Text($"Finding {findingId} of cycle {cycleId} was not found.", $"未找到考核周期 {cycleId} 的督查问题 {findingId}。"));
    }

    /// <summary>Open, rectifying, verified and overdue counts over the cycle and per participant, as far as the caller sees.</summary>
    public async Task<FindingSummary> SummaryAsync(long cycleId, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await AssessedCycle.LoadAsync(connection, null, definitions, cycleId, caller, CycleLock.None, ct);
        var findings = await ReadAsync(connection, cycleId, null, null, null, caller, ct);
        var units = await connection.QueryAsync<(string Code, string Name)>(new CommandDefinition(
            """
            select u.code, u.name from instance i join org_unit u on u.id = i.org_unit_id
            where i.cycle_id = @cycleId and (@all or u.path like any(@scopes)) order by u.code
            """, new { cycleId, all = caller.IsSystemAdmin, scopes = caller.VisiblePaths().Select(Like.Prefix).ToArray() }, cancellationToken: ct));
        var byUnit = findings.ToLookup(f => f.OrgUnitCode);
        return new FindingSummary(FindingCounts.Of(findings),
            units.Select(u => new UnitFindingCounts(u.Code, u.Name, FindingCounts.Of(byUnit[u.Code]))).ToList());
    }

    async Task<IReadOnlyList<FindingView>> ReadAsync(
        NpgsqlConnection connection, long cycleId, string? orgUnitCode, FindingStatus? status, long? findingId, Caller caller, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<FindingRow>(new CommandDefinition(
            """
            select f.id, f.cycle_id, u.code as org_unit_code, u.name as org_unit_name, f.description, f.severity, f.indicator_code, f.rectify_within_days,
                   t.status as task_status, t.id as rectification_task_id, t.due_at, f.assumed_years, f.reviewer, f.recorded_by, f.recorded_at, t.accepted_at as verified_at
            from finding f join task t on t.id = f.task_id join org_unit u on u.id = f.org_unit_id
            where f.cycle_id = @cycleId
              and (@findingId::bigint is null or f.id = @findingId)
              and (@orgUnitCode::text is null or u.code = @orgUnitCode)
              and (@statuses::text[] is null or t.status = any(@statuses))
              and (@all or u.path like any(@scopes))
            order by f.id
            """,
            new
            {
                cycleId, findingId, orgUnitCode,
                statuses = status is { } s ? FindingStatuses.TaskStatesOf(s).Select(t => t.ToString()).ToArray() : null,
                all = caller.IsSystemAdmin, scopes = caller.VisiblePaths().Select(Like.Prefix).ToArray(),
            }, cancellationToken: ct));
        var now = clock.GetUtcNow();
        return rows.Select(r =>
        {
            var state = Enum.Parse<TaskState>(r.TaskStatus);
            return new FindingView(r.Id, r.CycleId, r.OrgUnitCode, r.OrgUnitName, r.Description, Enum.Parse<FindingSeverity>(r.Severity), r.IndicatorCode,
                r.RectifyWithinDays, FindingStatuses.Of(state), TaskStates.IsOverdue(state, r.DueAt, now), r.RectificationTaskId, r.DueAt,
                r.AssumedYears, r.Reviewer, r.RecordedBy, r.RecordedAt, r.VerifiedAt);
        }).ToList();
    }
}
