using System.Text.Json;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Workflows.Store;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Assessment;

/// <summary>
/// The results as published (table <c>assessment_result</c>): written once by the publication, read by everything
/// that shows a published cycle's grades, so that what was circulated (通报) is what is shown, whatever changes after.
/// </summary>
static class PublishedResults
{
    static readonly JsonSerializerOptions ScoresJson = new(JsonSerializerDefaults.Web);

    sealed record Row(
        long OrgUnitId, string OrgUnitCode, string Name, string Path, int Rank, decimal? IndicatorScore, decimal? RatingScore, decimal Bonus,
        decimal Total, bool Vetoed, string Grade, string Scores, int? Excellent, int? Good, int? Fair, int? Poor);

    /// <summary>Stores every participant's result as it stands, in the publication's transaction.</summary>
    public static Task WriteAsync(NpgsqlTransaction tx, long cycleId, IReadOnlyList<UnitResult> results, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            insert into assessment_result (cycle_id, org_unit_id, org_unit_code, name, rank, indicator_score, rating_score, bonus, total, vetoed, grade,
                                           scores, excellent, good, fair, poor)
            select @cycleId, u, c, n, r, i, rs, b, t, v, g, s::jsonb, e, gd, f, p
            from unnest(@units, @codes, @names, @ranks, @indicatorScores, @ratingScores, @bonuses, @totals, @vetoed, @grades,
                        @scores, @excellent, @good, @fair, @poor) as x(u, c, n, r, i, rs, b, t, v, g, s, e, gd, f, p)
            """,
            new
            {
                cycleId,
                units = results.Select(r => r.OrgUnitId).ToArray(),
                codes = results.Select(r => r.OrgUnitCode).ToArray(),
                names = results.Select(r => r.Name).ToArray(),
                ranks = results.Select(r => r.Rank!.Value).ToArray(),
                indicatorScores = results.Select(r => r.Outcome.IndicatorScore).ToArray(),
                ratingScores = results.Select(r => r.Outcome.RatingScore).ToArray(),
                bonuses = results.Select(r => r.Outcome.Bonus).ToArray(),
                totals = results.Select(r => r.Outcome.Total!.Value).ToArray(),
                vetoed = results.Select(r => r.Outcome.Vetoed).ToArray(),
                grades = results.Select(r => r.Outcome.Grade!.Value.ToString()).ToArray(),
                scores = results.Select(r => JsonSerializer.Serialize(r.Scores.Values.OrderBy(s => s.Code, StringComparer.Ordinal), ScoresJson)).ToArray(),
                excellent = results.Select(r => r.Votes?.Excellent).ToArray(),
                good = results.Select(r => r.Votes?.Good).ToArray(),
                fair = results.Select(r => r.Votes?.Fair).ToArray(),
                poor = results.Select(r => r.Votes?.Poor).ToArray(),
            }, tx, cancellationToken: ct));

    /// <summary>
    /// The published results of the participants <paramref name="caller"/> sees (everyone's with a null caller), or of
    /// the one participant <paramref name="orgUnitId"/>, in order of org unit code. <paramref name="indicators"/> (the
    /// cycle's own template version) names the veto items found.
    /// </summary>
    public static async Task<IReadOnlyList<UnitResult>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, long cycleId, IReadOnlyList<IndicatorDefinition> indicators, Caller? caller, long? orgUnitId,
        CancellationToken ct)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            select r.org_unit_id, r.org_unit_code, r.name, u.path, r.rank, r.indicator_score, r.rating_score, r.bonus, r.total, r.vetoed, r.grade,
                   r.scores::text as scores, r.excellent, r.good, r.fair, r.poor
            from assessment_result r join org_unit u on u.id = r.org_unit_id
            where r.cycle_id = @cycleId and (@orgUnitId::bigint is null or r.org_unit_id = @orgUnitId) and (@all or u.path like any(@scopes))
            order by r.org_unit_code
            """,
            new { cycleId, orgUnitId, all = caller is null || caller.IsSystemAdmin, scopes = (caller?.VisiblePaths() ?? []).Select(Like.Prefix).ToArray() },
            tx, cancellationToken: ct));
        return rows.Select(r =>
        {
            var scores = JsonSerializer.Deserialize<List<ScoredIndicator>>(r.Scores, ScoresJson)!.ToDictionary(s => s.Code, StringComparer.Ordinal);
            var vetoedBy = indicators.Where(i => i.Veto && scores.TryGetValue(i.Code, out var s) && s.Vetoed).Select(i => i.Code).ToList();
            var outcome = new AssessmentOutcome(r.IndicatorScore, r.RatingScore, r.Bonus, r.Total, r.Vetoed, vetoedBy, [], Enum.Parse<Grade>(r.Grade));
            var votes = r.Excellent is { } e ? new RatingVotes(e, r.Good!.Value, r.Fair!.Value, r.Poor!.Value) : null;
            return new UnitResult(r.OrgUnitId, r.OrgUnitCode, r.Name, r.Path, r.Rank, outcome, scores, votes);
        }).ToList();
    }
}
