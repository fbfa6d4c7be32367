using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Workflows.Runtime;
using CommunityWorkflows.Workflows.Store;
using CommunityWorkflows.Workflows.Commands;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Assessment;

/// <summary>
/// A cycle's results: until publication computed from the stored scores and votes by the cycle's own template,
/// ranks taken over every participant, and the rows a caller gets those in their scope; once published, read as
/// published (<see cref="PublishedResults"/>), all of them to everyone who sees the cycle (the results are
/// circulated, 通报).
/// </summary>
public sealed class AssessmentResults(CommandRunner commands, CycleDefinitions definitions) : IParticipantOutcomes
{
    public async Task<CycleResults> GetAsync(long cycleId, Caller caller, CancellationToken ct)
    {
        var (cycle, visible) = await commands.ReadAsync(async tx =>
        {
            var connection = tx.Connection!;
            var cycle = await AssessedCycle.LoadAsync(connection, tx, definitions, cycleId, caller, CycleLock.None, ct);
            var grading = cycle.RequireGrading();
            var visible = cycle.Published
                ? await PublishedResults.ReadAsync(connection, tx, cycleId, cycle.Definition.Indicators, null, null, ct)
                : (await ComputeAsync(connection, tx, cycleId, cycle.Definition.Indicators, grading, ct)).Where(r => caller.CanSee(r.Path)).ToList();
            return (cycle, visible);
        }, ct);
        return new CycleResults(cycle.Id, cycle.Year, cycle.Definition.Name, cycle.ScopeCode, cycle.Definition, cycle.PublishedAt, cycle.PublishedBy,
            visible.Select(r => ToView(r, cycle.Definition.Indicators, cycle.PublishedAt)).ToList());
    }

    /// <summary>
    /// The total and grade of each participant the caller sees, by org unit code (none for a template without an
    /// assessment), for the participant list: as published once the cycle is, else computed for those units alone.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, AssessmentOutcome>> OutcomesAsync(long cycleId, Caller caller, CancellationToken ct)
    {
        return await commands.ReadAsync<IReadOnlyDictionary<string, AssessmentOutcome>>(async tx =>
        {
            var connection = tx.Connection!;
            var cycle = await AssessedCycle.LoadAsync(connection, tx, definitions, cycleId, caller, CycleLock.None, ct);
            if (!AssessedCycle.IsAssessed(cycle.Definition)) return new Dictionary<string, AssessmentOutcome>();
            var results = cycle.Published
                ? await PublishedResults.ReadAsync(connection, tx, cycleId, cycle.Definition.Indicators, caller, null, ct)
                : await AssessAsync(connection, tx, cycleId, cycle.Definition.Indicators, cycle.Definition.Grading!, caller, ct);
            return results.ToDictionary(r => r.OrgUnitCode, r => r.Outcome);
        }, ct);
    }

    sealed record ParticipantRow(long OrgUnitId, string Code, string Name, string Path);

    sealed record ScoreRow(long OrgUnitId, string Code, decimal Score, bool Vetoed);

    sealed record RatingRow(long OrgUnitId, int Excellent, int Good, int Fair, int Poor);

    /// <summary>Every participant's result, ranked, in order of org unit code.</summary>
    internal static async Task<IReadOnlyList<UnitResult>> ComputeAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, long cycleId, IReadOnlyList<IndicatorDefinition> indicators, GradingRule grading, CancellationToken ct)
    {
        var assessed = await AssessAsync(connection, tx, cycleId, indicators, grading, null, ct);
        var ranks = Ranking.Of(assessed.Select(a => (a.Outcome.Total, a.Outcome.Vetoed)).ToList());
        return assessed.Select((a, i) => a with { Rank = ranks[i] }).ToList();
    }

    /// <summary>
    /// The results of the participants <paramref name="caller"/> sees (every participant's with a null caller), in
    /// order of org unit code, without ranks: only the units asked for are read and assessed.
    /// </summary>
    static async Task<IReadOnlyList<UnitResult>> AssessAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, long cycleId, IReadOnlyList<IndicatorDefinition> indicators, GradingRule grading, Caller? caller,
        CancellationToken ct)
    {
        var participants = (await connection.QueryAsync<ParticipantRow>(new CommandDefinition(
            """
            select u.id as org_unit_id, u.code, u.name, u.path from instance i join org_unit u on u.id = i.org_unit_id
            where i.cycle_id = @cycleId and (@all or u.path like any(@scopes)) order by u.code
            """,
            new { cycleId, all = caller is null || caller.IsSystemAdmin, scopes = (caller?.VisiblePaths() ?? []).Select(Like.Prefix).ToArray() },
            tx, cancellationToken: ct))).ToList();
        var ids = participants.Select(p => p.OrgUnitId).ToArray();
        var scores = (await connection.QueryAsync<ScoreRow>(new CommandDefinition(
            "select org_unit_id, code, score, vetoed from indicator_score where cycle_id = @cycleId and org_unit_id = any(@ids)",
            new { cycleId, ids }, tx, cancellationToken: ct))).ToLookup(s => s.OrgUnitId);
        var ratings = (await connection.QueryAsync<RatingRow>(new CommandDefinition(
            "select org_unit_id, excellent, good, fair, poor from democratic_rating where cycle_id = @cycleId and org_unit_id = any(@ids)",
            new { cycleId, ids }, tx, cancellationToken: ct))).ToDictionary(r => r.OrgUnitId);

        return participants.Select(p =>
        {
            var sheet = scores[p.OrgUnitId].ToDictionary(s => s.Code, s => new ScoredIndicator(s.Code, s.Score, s.Vetoed), StringComparer.Ordinal);
            var votes = ratings.TryGetValue(p.OrgUnitId, out var r) ? new RatingVotes(r.Excellent, r.Good, r.Fair, r.Poor) : null;
            return new UnitResult(p.OrgUnitId, p.Code, p.Name, p.Path, null, AssessmentFormula.Assess(indicators, grading, sheet, votes), sheet, votes);
        }).ToList();
    }

    internal static ResultView ToView(UnitResult r, IReadOnlyList<IndicatorDefinition> indicators, DateTimeOffset? publishedAt)
    {
        var o = r.Outcome;
        return new ResultView(r.Rank, r.OrgUnitCode, r.Name, o.IndicatorScore, o.RatingScore, o.Bonus, o.Total, o.Vetoed, o.Grade,
            o.Grade is { } g ? Grades.Label(g) : null, o.Complete, o.VetoedBy, o.Missing,
            indicators.Select(i => r.Scores.TryGetValue(i.Code, out var s)
                ? new ResultIndicatorView(i.Code, i.Veto ? null : s.Score, i.Veto ? s.Vetoed : null)
                : new ResultIndicatorView(i.Code, null, null)).ToList(),
            r.Votes is { } v ? new VotesView(v.Excellent, v.Good, v.Fair, v.Poor, v.Total) : null,
            publishedAt);
    }
}
