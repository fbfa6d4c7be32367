using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Runtime;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Assessment;

/// <summary>
/// The year-end scores of a participant, indicator by indicator, and its democratic rating votes: entered by a
/// DistrictAdmin over it, checked against the template, journaled with every change, frozen by publication.
/// </summary>
public sealed class Scoring(NpgsqlDataSource db, CommandRunner commands, CycleDefinitions definitions)
{
    /// <summary>
    /// Sets the named indicators' scores (the others stay as they are). The entries at <paramref name="keepComment"/>
    /// were sent without a comment: their stored comment stays.
    /// </summary>
    public async Task<ScoreSheetView> SetScoresAsync(
        long cycleId, string orgUnitCode, IReadOnlyList<ScoreInput?>? entries, Caller caller, CancellationToken ct, IReadOnlySet<int>? keepComment = null)
    {
        var (cycle, unit) = await commands.RunAsync(caller, async scope =>
        {
            var (cycle, unit) = await OpenForChangeAsync(scope, cycleId, orgUnitCode, caller);
            var (scores, errors) = ScoreSheetRules.Check(cycle.Definition.Indicators, entries);
            if (errors.Count > 0)
                throw new RuleViolationException(errors, Say.Text("The scores break the template's indicators; nothing was changed.", "评分不符合模板的考核指标，未作任何更改。"));

            var comments = entries!.Select(e => string.IsNullOrWhiteSpace(e!.Comment) ? null : e.Comment.Trim()).ToArray();
            await scope.ExecuteAsync(
                """
                insert into indicator_score (cycle_id, org_unit_id, code, score, vetoed, comment, scored_by, scored_at)
                select @cycleId, @orgUnitId, c, s, v, m, @by, @now from unnest(@codes, @scores, @vetoes, @comments) as t(c, s, v, m)
                on conflict (cycle_id, org_unit_id, code) do update
                set score = excluded.score, vetoed = excluded.vetoed, scored_by = excluded.scored_by, scored_at = excluded.scored_at,
                    comment = case when excluded.code = any(@keep) then indicator_score.comment else excluded.comment end
                """,
                new
                {
                    cycleId, unit.OrgUnitId, by = caller.Username, now = scope.Now,
                    codes = scores.Select(s => s.Code).ToArray(), scores = scores.Select(s => s.Score).ToArray(),
                    vetoes = scores.Select(s => s.Vetoed).ToArray(), comments,
                    keep = scores.Where((_, i) => keepComment?.Contains(i) == true).Select(s => s.Code).ToArray(),
                });
            scope.Journal(new JournalDraft(JournalStreams.Cycle(cycleId), "ScoresRecorded", unit.Code, new
            {
                orgUnitCode = unit.Code,
                indicators = scores.Select((s, i) => new { s.Code, s.Score, s.Vetoed, comment = comments[i], commentKept = keepComment?.Contains(i) == true }),
            }));
            return (cycle, unit);
        }, ct);
        return await SheetAsync(cycle, unit, ct);
    }

    /// <summary>Replaces the democratic rating's vote counts.</summary>
    public async Task<ScoreSheetView> SetRatingAsync(long cycleId, string orgUnitCode, RatingInput input, Caller caller, CancellationToken ct)
    {
        var (cycle, unit) = await commands.RunAsync(caller, async scope =>
        {
            var (cycle, unit) = await OpenForChangeAsync(scope, cycleId, orgUnitCode, caller);
            var (votes, errors) = RatingVotes.Check(input.Excellent, input.Good, input.Fair, input.Poor);
            if (votes is null)
                throw new RuleViolationException(errors, Say.Text("The democratic rating could not be recorded.", "无法记录民主测评结果。"));
            await scope.ExecuteAsync(
                """
                insert into democratic_rating (cycle_id, org_unit_id, excellent, good, fair, poor, rated_by, rated_at)
                values (@cycleId, @orgUnitId, @excellent, @good, @fair, @poor, @by, @now)
                on conflict (cycle_id, org_unit_id) do update
                set excellent = excluded.excellent, good = excluded.good, fair = excluded.fair, poor = excluded.poor,
                    rated_by = excluded.rated_by, rated_at = excluded.rated_at
                """, new { cycleId, unit.OrgUnitId, votes.Excellent, votes.Good, votes.Fair, votes.Poor, by = caller.Username, now = scope.Now });
            scope.Journal(new JournalDraft(JournalStreams.Cycle(cycleId), "RatingRecorded", unit.Code,
                new { orgUnitCode = unit.Code, votes.Excellent, votes.Good, votes.Fair, votes.Poor }));
            return (cycle, unit);
        }, ct);
        return await SheetAsync(cycle, unit, ct);
    }

    /// <summary>A participant's sheet, for whoever sees the participant.</summary>
    public async Task<ScoreSheetView> GetSheetAsync(long cycleId, string orgUnitCode, Caller caller, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var cycle = await AssessedCycle.LoadAsync(connection, null, definitions, cycleId, caller, CycleLock.None, ct);
        cycle.RequireGrading();
        var unit = await CycleParticipant.FindAsync(connection, null, cycleId, orgUnitCode, caller, ct)
            ?? throw new NotFoundException(Say.Text($"'{orgUnitCode}' is not a participant of cycle {cycleId}.", $"“{orgUnitCode}”不是考核周期 {cycleId} 的参与单位。"));
        return await SheetAsync(connection, cycle, unit, ct);
    }

    /// <summary>The cycle held against publication, the participant, and the caller's right to score it: 404, 403, then 409.</summary>
    async Task<(AssessedCycle, CycleParticipant)> OpenForChangeAsync(CommandScope scope, long cycleId, string orgUnitCode, Caller caller)
    {
        var (connection, tx, ct) = (scope.Connection, scope.Transaction, scope.Cancellation);
        var cycle = await AssessedCycle.LoadAsync(connection, tx, definitions, cycleId, caller, CycleLock.Share, ct);
        var unit = await CycleParticipant.FindAsync(connection, tx, cycleId, orgUnitCode, caller, ct)
            ?? throw new NotFoundException(Say.Text($"'{orgUnitCode}' is not a participant of cycle {cycleId}.", $"“{orgUnitCode}”不是考核周期 {cycleId} 的参与单位。"));
        if (!caller.Holds(unit.Path, Role.DistrictAdmin))
            throw new ForbiddenException(Say.Text($"Only a district administrator over {unit.Code} scores it and records its democratic rating.", $"只有管辖 {unit.Code} 的区级管理员才能为其评分并记录民主测评结果。"));
        cycle.RequireGrading();
        cycle.EnsureScoresOpen();
        return (cycle, unit);
    }

    async Task<ScoreSheetView> SheetAsync(AssessedCycle cycle, CycleParticipant unit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await SheetAsync(connection, cycle, unit, ct);
    }

    static async Task<ScoreSheetView> SheetAsync(NpgsqlConnection connection, AssessedCycle cycle, CycleParticipant unit, CancellationToken ct)
    {
        var entered = (await connection.QueryAsync<(string Code, decimal Score, bool Vetoed, string? Comment, string ScoredBy, DateTimeOffset ScoredAt)>(new CommandDefinition(
            "select code, score, vetoed, comment, scored_by, scored_at from indicator_score where cycle_id = @cycleId and org_unit_id = @orgUnitId",
            new { cycleId = cycle.Id, unit.OrgUnitId }, cancellationToken: ct))).ToDictionary(s => s.Code);
        var rating = await connection.QuerySingleOrDefaultAsync<VotesView>(new CommandDefinition(
            """
            select excellent, good, fair, poor, excellent + good + fair + poor as total, rated_by, rated_at
            from democratic_rating where cycle_id = @cycleId and org_unit_id = @orgUnitId
            """, new { cycleId = cycle.Id, unit.OrgUnitId }, cancellationToken: ct));
        var indicators = cycle.Definition.Indicators.Select(i => entered.TryGetValue(i.Code, out var s)
            ? new SheetIndicatorView(i.Code, i.Name, i.MaxScore, i.Weight, i.Veto, i.Bonus, i.Veto ? null : s.Score, i.Veto ? s.Vetoed : null, s.Comment, s.ScoredBy, s.ScoredAt)
            : new SheetIndicatorView(i.Code, i.Name, i.MaxScore, i.Weight, i.Veto, i.Bonus, null, null, null, null, null)).ToList();
        // once published, the outcome is the one circulated, not a new computation
        var outcome = cycle.Published
            ? (await PublishedResults.ReadAsync(connection, null, cycle.Id, cycle.Definition.Indicators, null, unit.OrgUnitId, ct)).Single().Outcome
            : AssessmentFormula.Assess(cycle.Definition.Indicators, cycle.RequireGrading(),
                entered.Values.ToDictionary(s => s.Code, s => new ScoredIndicator(s.Code, s.Score, s.Vetoed)),
                rating is null ? null : new RatingVotes(rating.Excellent, rating.Good, rating.Fair, rating.Poor));
        return new ScoreSheetView(cycle.Id, unit.Code, unit.Name, indicators, rating, OutcomeView.Of(outcome), cycle.PublishedAt);
    }
}
