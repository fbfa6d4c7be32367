using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Calendar;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Timers;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>
/// Launches a cycle: one instance per participant under the scope, all their tasks, the first stage's
/// tasks opened with their timers and a timer for every later stage — set-based, in one transaction, so a
/// launch is whole or absent, and a repeat of the same template, year and scope is refused (409).
/// </summary>
public sealed class CycleLauncher(
    CommandRunner commands, Calendars calendars, CycleDefinitions definitions, CycleQueries queries, ILogger<CycleLauncher> logger)
{
    /// <summary>A province-sized launch writes millions of rows: its statements get ten minutes, not the default 30 s.</summary>
    internal const int BulkTimeout = 600;

    public async Task<CycleView> LaunchAsync(LaunchRequest request, Caller caller, CancellationToken ct)
    {
        var (participantKind, scopeCode) = Check(request);

        var calendar = await calendars.LoadAsync(ct);
        var (cycleId, participants) = await commands.RunAsync(caller, scope => LaunchInAsync(scope, request, participantKind, scopeCode, calendar, caller), ct);
        logger.LogInformation("Launched cycle {CycleId} ({Template} v{Version}, {Year}, {Scope}) for {Participants} participants",
            cycleId, request.TemplateKey, request.TemplateVersion, request.Year, request.ScopeCode, participants);
        return await queries.GetAsync(cycleId, caller, ct);
    }

    async Task<(long CycleId, int Participants)> LaunchInAsync(
        CommandScope command, LaunchRequest request, OrgUnitKind participantKind, string scopeCode, BusinessCalendar calendar, Caller caller)
    {
        var (tx, ct, definition) = (command.Transaction, command.Cancellation, request.Definition);
        var scope = await ScopeAsync(tx, scopeCode, caller, participantKind, ct);
        await EnsureLaunchableOverAsync(tx, request.TemplateKey, scope, ct);
        var now = command.Now;

        var cycleId = await command.SingleOrDefaultAsync<long?>(
            """
            insert into cycle (template_key, template_version, definition, year, scope_unit_id, status, participant_count, created_at, created_by)
            values (@key, @version, @definition::jsonb, @year, @scopeId, 'Running', 0, @now, @by)
            on conflict (template_key, year, scope_unit_id) do nothing
            returning id
            """,
            new { key = request.TemplateKey, version = request.TemplateVersion, definition = TemplateJson.Serialize(definition), request.Year, scopeId = scope.Id, now, by = caller.Username })
            ?? throw new ConflictException(Say.Text($"A cycle of '{request.TemplateKey}' for {request.Year} over {request.ScopeCode} already exists.", $"{request.ScopeCode} 已发起 {request.Year} 年度“{request.TemplateKey}”考核周期，不能重复发起。"));

        var stages = definition.Stages.Select((s, i) => StagePlan.Of(s, i, request.Year, now, calendar)).ToList();
        await InsertStagesAsync(tx, cycleId, stages, ct);
        var participants = await InsertInstancesAsync(tx, cycleId, scope, participantKind, ct);
        if (participants == 0)
            throw new RuleViolationException("/scopeCode", Say.Text($"There is no {participantKind} under '{request.ScopeCode}' to take part.", $"“{request.ScopeCode}”下没有可参与的{participantKind}。"));
        var openedAtLaunch = await InsertTasksAsync(tx, cycleId, definition, stages[0], now, calendar, ct);
        await command.ExecuteAsync("update cycle set participant_count = @participants where id = @cycleId", new { participants, cycleId });

        command.Journal(new JournalDraft(JournalStreams.Cycle(cycleId), "CycleLaunched", request.ScopeCode,
            new { templateKey = request.TemplateKey, templateVersion = request.TemplateVersion, request.Year, scopeCode = request.ScopeCode, participants }));
        foreach (var stage in stages)
        {
            if (stage.OpensAt <= now)
            {
                // the first stage's tasks were written open; a later stage opens for each instance as it arrives
                await command.ExecuteAsync("update cycle_stage set opened = true where cycle_id = @cycleId and ordinal = @stage", new { cycleId, stage = stage.Ordinal });
                command.Journal(new JournalDraft(JournalStreams.Cycle(cycleId), "StageOpened", stage.Key, new { stage = stage.Ordinal, tasksOpened = stage.Ordinal == 0 ? openedAtLaunch : 0 }));
            }
            else
                await DeadlineTimers.ScheduleStageOpenAsync(tx, cycleId, stage.Ordinal, stage.OpensAt, ct);
        }
        command.AfterCommit(() => definitions.Remember(cycleId, definition));
        return (cycleId, participants);
    }

    /// <summary>
    /// What <see cref="LaunchAsync"/> would do, without doing it: the same checks (year, scope, the caller's right to
    /// launch there, the template's owner) and the same participant selection, counted; and whether this template,
    /// year and scope were launched already (the launch would be refused with 409).
    /// </summary>
    public async Task<LaunchPreview> PreviewAsync(LaunchRequest request, Caller caller, CancellationToken ct)
    {
        var (participantKind, scopeCode) = Check(request);
        return await commands.ReadAsync(async tx =>
        {
            var connection = tx.Connection!;
            var scope = await ScopeAsync(tx, scopeCode, caller, participantKind, ct);
            await EnsureLaunchableOverAsync(tx, request.TemplateKey, scope, ct);
            var participants = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "select count(*)::int " + ParticipantsUnderScope, ParticipantArguments(scope, participantKind), tx, cancellationToken: ct));
            var existing = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                "select id from cycle where template_key = @key and year = @year and scope_unit_id = @scopeId",
                new { key = request.TemplateKey, request.Year, scopeId = scope.Id }, tx, cancellationToken: ct));
            return new LaunchPreview(request.TemplateKey, request.TemplateVersion, request.Year, scope.Code, participantKind.ToString(), participants, existing);
        }, ct);
    }

    /// <summary>The checks a launch and its preview make before they read anything: the year, the scope named; the participants' kind and the scope's code.</summary>
    static (OrgUnitKind ParticipantKind, string ScopeCode) Check(LaunchRequest request)
    {
        if (!Years.IsValid(request.Year))
            throw new RuleViolationException("/year", Years.Problem);
        if (string.IsNullOrWhiteSpace(request.ScopeCode))
            throw new RuleViolationException("/scopeCode", Say.Text("scopeCode is required.", "范围单位（scopeCode）为必填项。"));
        return (Enum.Parse<OrgUnitKind>(request.Definition.Participants.Kind), request.ScopeCode);
    }

    /// <summary>Who takes part in a cycle: every unit of the participants' kind under the scope — for the launch and its preview alike.</summary>
    const string ParticipantsUnderScope = "from org_unit u where u.kind = @participantKind and u.path like @scope";

    static object ParticipantArguments(UnitRow scope, OrgUnitKind participantKind) =>
        new { participantKind = participantKind.ToString(), scope = Store.Like.Prefix(scope.Path) };

    sealed record UnitRow(long Id, string Code, string Kind, string Path);

    /// <summary>The scope unit, after checking the caller may launch there.</summary>
    static async Task<UnitRow> ScopeAsync(NpgsqlTransaction tx, string scopeCode, Caller caller, OrgUnitKind participantKind, CancellationToken ct)
    {
        var unit = await tx.Connection!.QuerySingleOrDefaultAsync<UnitRow>(new CommandDefinition(
            "select id, code, kind, path from org_unit where code = @scopeCode", new { scopeCode }, tx, cancellationToken: ct));
        if (unit is null || !caller.CanSee(unit.Path))
            throw new RuleViolationException("/scopeCode", Say.Text($"Unknown org unit '{scopeCode}'.", $"未知组织单位“{scopeCode}”。"));
        if (!caller.Holds(unit.Path, Role.DistrictAdmin))
            throw new ForbiddenException(Say.Text("Only a system administrator or a district administrator over the scope may launch a cycle.", "只有系统管理员或管辖该范围的区级管理员才能发起考核周期。"));
        var scopeKind = Enum.Parse<OrgUnitKind>(unit.Kind);
        if (scopeKind == participantKind || !OrgTreeRules.CanBeChildOf(participantKind, scopeKind))
            throw new RuleViolationException("/scopeCode", Say.Text($"A cycle for {participantKind} participants needs a scope above them, not a {scopeKind}.", $"以{participantKind}为参与单位的考核周期，其范围须高于{participantKind}级，不能是{scopeKind}。"));
        return unit;
    }

    sealed record OwnerRow(string Code, string Path);

    /// <summary>
    /// A template owned by an org unit is launched over that unit or one beneath it (one district's own template is not
    /// another district's, nor the city's); the installation's templates, and a definition stored under no template,
    /// anywhere. The template is in everyone's sight, so a refusal is a 403, whoever asks.
    /// </summary>
    static async Task EnsureLaunchableOverAsync(NpgsqlTransaction tx, string templateKey, UnitRow scope, CancellationToken ct)
    {
        var owner = await tx.Connection!.QueryFirstOrDefaultAsync<OwnerRow>(new CommandDefinition(
            """
            select o.code, o.path from template_version t join org_unit o on o.id = t.owner_unit_id
            where t.template_key = @templateKey order by t.version limit 1
            """, new { templateKey }, tx, cancellationToken: ct));
        if (!TemplateOwnership.MayLaunchOver(owner?.Path, scope.Path))
            throw new ForbiddenException(
                Say.Text($"Template '{templateKey}' belongs to {owner!.Code}: it is launched over {owner.Code} or a unit beneath it, not over {scope.Code}.", $"模板“{templateKey}”归属于 {owner!.Code}：只能在 {owner.Code} 或其下级单位范围内发起，不能在 {scope.Code} 范围内发起。"));
    }

    static Task InsertStagesAsync(NpgsqlTransaction tx, long cycleId, List<StagePlan> stages, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            insert into cycle_stage (cycle_id, ordinal, key, name, opens_at, due_at, opened)
            select @cycleId, o, k, n, a, d, false from unnest(@ordinals, @keys, @names, @opens, @dues) as t(o, k, n, a, d)
            """,
            new
            {
                cycleId,
                ordinals = stages.Select(s => s.Ordinal).ToArray(),
                keys = stages.Select(s => s.Key).ToArray(),
                names = stages.Select(s => s.Name).ToArray(),
                opens = stages.Select(s => s.OpensAt.ToUniversalTime()).ToArray(),
                dues = stages.Select(s => s.DueAt.ToUniversalTime()).ToArray(),
            }, tx, cancellationToken: ct));

    /// <summary>One instance per participant: every unit of the participants' kind under the scope.</summary>
    static Task<int> InsertInstancesAsync(NpgsqlTransaction tx, long cycleId, UnitRow scope, OrgUnitKind participantKind, CancellationToken ct)
    {
        var arguments = new DynamicParameters(ParticipantArguments(scope, participantKind));
        arguments.Add("cycleId", cycleId);
        return tx.Connection!.ExecuteAsync(new CommandDefinition(
            "insert into instance (cycle_id, org_unit_id, stage, status) select @cycleId, u.id, 0, 'Running' " + ParticipantsUnderScope,
            arguments, tx, cancellationToken: ct, commandTimeout: BulkTimeout));
    }

    /// <summary>
    /// Every task of every instance, in one statement. When the first stage is open at launch its first tasks
    /// are written open, with their due time, and their timers in the same statement: no second pass over
    /// the rows. Returns how many opened.
    /// </summary>
    static async Task<int> InsertTasksAsync(
        NpgsqlTransaction tx, long cycleId, TemplateDefinition definition, StagePlan first, DateTimeOffset now, BusinessCalendar calendar, CancellationToken ct)
    {
        var tasks = definition.Stages.SelectMany((s, i) => s.Tasks.Select(t => (Stage: i, Task: t))).ToList();
        var opening = first.OpensAt <= now;
        var schedule = DeadlineSchedule.ForStage(definition, definition.Stages[0], ChinaTime.DateOf(first.OpensAt), now, calendar);
        // a task is created Pending, or already Open (the first stage open at launch): what the Open transition would make it
        var (pending, open) = (TaskTransitions.Open.FromNames.Single(), TaskTransitions.Open.ToName);
        return await tx.Connection!.ExecuteScalarAsync<int>(new CommandDefinition(
            $"""
            with created as (
                insert into task (cycle_id, instance_id, org_unit_id, stage, task_key, title, assignee, reviewer, gate, status, opened_at, due_at, attempts, updated_at)
                select @cycleId, i.id, i.org_unit_id, t.stage, t.key, t.title, t.assignee, t.reviewer, t.gate,
                       case when t.opens then @open else @pending end,
                       case when t.opens then @now end, case when t.opens then @dueAt end, case when t.opens then 1 else 0 end, @now
                from instance i cross join unnest(@stages, @keys, @titles, @assignees, @reviewers, @gates, @opens)
                    as t(stage, key, title, assignee, reviewer, gate, opens)
                where i.cycle_id = @cycleId
                returning id, status
            ), timers as (
                {DeadlineTimers.InsertSql("created c", "c.id", "0", where: "where c.status = @open")}
            )
            select count(*)::int from created where status = @open
            """,
            DeadlineTimers.Arguments(TimerTargets.Task, opening ? schedule.Timers() : [], new
            {
                cycleId, now, dueAt = schedule.DueAt, open, pending,
                stages = tasks.Select(t => t.Stage).ToArray(),
                keys = tasks.Select(t => t.Task.Key).ToArray(),
                titles = tasks.Select(t => t.Task.Title).ToArray(),
                assignees = tasks.Select(t => t.Task.Assignee).ToArray(),
                reviewers = tasks.Select(t => t.Task.Reviewer).ToArray(),
                gates = tasks.Select(t => t.Task.Gate).ToArray(),
                opens = tasks.Select(t => opening && t.Stage == 0 && t.Task.After.Count == 0).ToArray(),
            }), tx, cancellationToken: ct, commandTimeout: BulkTimeout));
    }
}
