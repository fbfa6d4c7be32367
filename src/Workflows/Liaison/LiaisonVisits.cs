using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Calendar;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Timers;

namespace CommunityWorkflows.Workflows.Liaison;

/// <summary>
/// Visits to a point and the problems they find (问题清单): each problem gets an owner unit, a due date and the
/// engine's timers (reminders and deadline to the owner, escalation to the leader); it is resolved with a note.
/// A visit later than the last one restarts the point's <c>VisitDue</c> count.
/// </summary>
public sealed class LiaisonVisits(
    CommandRunner commands, Calendars calendars, LiaisonQueries queries, LiaisonProblems liaisonProblems, CommunityWorkflowsOptions options)
{
    sealed record OwnerRow(long Id, string Code, string Name, string Kind, string Path);

    public async Task<RecordedVisit> RecordAsync(long pointId, VisitInput input, Caller caller, CancellationToken ct)
    {
        // loaded before the transaction (no second connection held inside it), and only when problems need due dates
        var calendar = input.Problems is { Count: > 0 } ? await calendars.LoadAsync(ct) : BusinessCalendar.WeekendsOnly;
        var visitId = await commands.RunAsync(caller, scope => RecordInAsync(scope, pointId, input, calendar, caller), ct);
        var detail = await queries.GetAsync(pointId, caller, ct);
        var visit = detail.Visits.Single(v => v.Id == visitId);
        return new RecordedVisit(visit.Id, pointId, visit.VisitedOn, visit.Summary, visit.RecordedBy, visit.RecordedAt,
            detail.Problems.Where(p => p.VisitId == visitId).ToList());
    }

    async Task<long> RecordInAsync(CommandScope scope, long pointId, VisitInput input, BusinessCalendar calendar, Caller caller)
    {
        var policy = options.Liaison;
        var point = await LiaisonPointContext.LockAsync(scope.Transaction, pointId, caller, scope.Cancellation);
        var now = scope.Now;
        var today = ChinaTime.DateOf(now);
        var errors = LiaisonPointRules.CheckVisit(input, point.Year, today, out var visitedOn, out var problems).ToList();
        var owners = await OwnersAsync(scope, point, problems, errors);
        if (errors.Count > 0)
            throw new RuleViolationException(errors, Say.Text("The visit could not be recorded.", "无法记录该次走访。"));

        var lastVisitOn = await scope.ScalarAsync<DateOnly?>("select max(visited_on) from liaison_visit where point_id = @pointId", new { pointId });
        var visitId = await scope.ScalarAsync<long>(
            """
            insert into liaison_visit (point_id, visited_on, summary, recorded_at, recorded_by)
            values (@pointId, @visitedOn, @summary, @now, @by) returning id
            """, new { pointId, visitedOn, summary = input.Summary!.Trim(), now, by = caller.Username });

        var recorded = await InsertProblemsAsync(scope, point.Id, visitId, problems, owners, calendar);
        if (lastVisitOn is null || visitedOn > lastVisitOn)
        {
            await DeadlineTimers.CancelAsync(scope.Transaction, VisitDueTimers.Target, pointId, now, scope.Cancellation);
            await VisitDueTimers.ScheduleAsync(scope.Transaction, pointId, point.Year, visitedOn, visitId, today, policy.VisitDueAfterDays, fromFirst: true, scope.Cancellation);
        }
        scope.Journal(new JournalDraft(JournalStreams.LiaisonPoint(pointId), "VisitRecorded", $"visit:{visitId}",
            new { visitedOn, summary = input.Summary.Trim(), problems = recorded }));
        return visitId;
    }

    /// <summary>
    /// The visit's problems in one statement, and their timers in one statement per due date (the problems of a
    /// visit mostly share one); returns what the journal records of each, in the visit's order.
    /// </summary>
    async Task<IReadOnlyList<object>> InsertProblemsAsync(
        CommandScope scope, long pointId, long visitId, IReadOnlyList<ProblemPlan> problems, IReadOnlyList<OwnerRow> owners, BusinessCalendar calendar)
    {
        var now = scope.Now;
        if (problems.Count == 0) return [];
        var policy = options.Liaison;
        var escalation = policy.ProblemEscalationWorkdays.Select(d => new EscalationStep(d, ProblemTimers.Leader)).ToList();
        var schedules = problems.Select(p => p.DueOn).Distinct()
            .ToDictionary(d => d, d => DeadlineSchedule.ForDueDate(d, new ReminderRule(policy.ProblemReminderDays), escalation, now, calendar));
        // identities are drawn in the order the rows are inserted, so the ids in ascending order are the problems in order
        var ids = (await scope.QueryAsync<long>(
            """
            insert into liaison_problem (point_id, visit_id, description, owner_unit_id, due_on, due_at, status, created_at)
            select @pointId, @visitId, x.description, x.owner, x.due_on, x.due_at, 'Open', @now
            from unnest(@descriptions, @owners, @dueOns, @dueAts) with ordinality as x(description, owner, due_on, due_at, n)
            order by x.n
            returning id
            """,
            new
            {
                pointId, visitId, now, descriptions = problems.Select(p => p.Description).ToArray(), owners = owners.Select(o => o.Id).ToArray(),
                dueOns = problems.Select(p => p.DueOn).ToArray(), dueAts = problems.Select(p => schedules[p.DueOn].DueAt.ToUniversalTime()).ToArray(),
            })).Order().ToList();
        foreach (var due in problems.Select((p, i) => (p.DueOn, Id: ids[i])).GroupBy(x => x.DueOn))
            await DeadlineTimers.ScheduleAsync(scope.Transaction, ProblemTimers.Target, due.Select(x => x.Id).ToList(), schedules[due.Key], null, scope.Cancellation);
        return problems.Select((p, i) => (object)new { id = ids[i], p.Description, owner = owners[i].Code, p.DueOn }).ToList();
    }

    /// <summary>
    /// Open → Resolved with a note (销号), by the point's people or whoever answers for the owner unit
    /// (<see cref="ProblemOwners.Answers"/>): the problem's timers stop. A resolved problem is not reopened.
    /// </summary>
    public async Task<LiaisonProblemView> SetStatusAsync(long pointId, long problemId, ProblemStatusInput input, Caller caller, CancellationToken ct)
    {
        await commands.RunAsync(caller, scope => ResolveInAsync(scope, pointId, problemId, input, caller), ct);
        return await liaisonProblems.GetAsync(problemId, caller, ct);
    }

    static async Task ResolveInAsync(CommandScope scope, long pointId, long problemId, ProblemStatusInput input, Caller caller)
    {
        var (_, current) = await LiaisonProblems.LockForChangeAsync(scope.Transaction, pointId, problemId, caller, scope.Cancellation);
        var errors = LiaisonPointRules.CheckStatus(input, out var status);
        if (errors.Count > 0)
            throw new RuleViolationException(errors, Say.Text("The problem's status could not be changed.", "无法更改该问题的状态。"));
        if (current == nameof(ProblemStatus.Resolved))
            throw new ConflictException(Say.Text($"Problem {problemId} is already resolved; a problem found again is recorded on a new visit.", $"问题 {problemId} 已解决；如再次发现，请在新的走访中登记。"));
        if (status == ProblemStatus.Open)
            throw new ConflictException(Say.Text($"Problem {problemId} is already open.", $"问题 {problemId} 已处于待解决状态。"));

        var now = scope.Now;
        var note = input.Note!.Trim();
        var onTime = await scope.ScalarAsync<bool>(
            """
            update liaison_problem set status = 'Resolved', resolved_at = @now, resolved_by = @by, resolution_note = @note
            where id = @problemId returning resolved_at <= due_at
            """, new { problemId, now, by = caller.Username, note });
        await DeadlineTimers.CancelAsync(scope.Transaction, ProblemTimers.Target, problemId, now, scope.Cancellation);
        scope.Journal(new JournalDraft(JournalStreams.LiaisonPoint(pointId), "ProblemResolved", $"problem:{problemId}", new { note, onTime }));
    }

    /// <summary>Each problem's owner unit: the one named, if it may own a problem of this point (<see cref="ProblemOwners.MayOwn"/>), or the community.</summary>
    static async Task<IReadOnlyList<OwnerRow>> OwnersAsync(CommandScope scope, LiaisonPointContext point, IReadOnlyList<ProblemPlan> problems, List<FieldError> errors)
    {
        var codes = problems.Select(p => p.OwnerUnitCode).OfType<string>().Append(point.CommunityCode).Distinct().ToArray();
        var units = (await scope.QueryAsync<OwnerRow>("select id, code, name, kind, path from org_unit where code = any(@codes)", new { codes }))
            .ToDictionary(u => u.Code, StringComparer.Ordinal);
        var owners = new List<OwnerRow>();
        for (var i = 0; i < problems.Count; i++)
        {
            var code = problems[i].OwnerUnitCode ?? point.CommunityCode;
            if (units.TryGetValue(code, out var unit)
                && ProblemOwners.MayOwn(Enum.Parse<OrgUnitKind>(unit.Kind), unit.Path, point.CommunityPath, point.DistrictPath, point.BackingUnitPath))
                owners.Add(unit);
            else
                errors.Add(new($"/problems/{problems[i].Index}/ownerUnitCode",
                    Say.Text($"'{code}' cannot own a problem of this point: name the community, a unit above it, its backing unit or a unit seated in its district.", $"“{code}”不能作为该联系点问题的责任单位：请指定该社区、其上级单位、帮扶单位或所在区的驻区单位。")));
        }
        return owners;
    }
}
