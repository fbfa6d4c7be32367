using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Runtime;
using Microsoft.Extensions.Logging;

namespace CommunityWorkflows.Workflows.Assessment;

/// <summary>
/// Publishes a cycle's results (结果通报): once, when every participant's sheet is complete. From then on its
/// scores and votes are frozen (409, and a database trigger), the results are served as stored at publication
/// (<see cref="PublishedResults"/>), and the journal holds them as published, hash-chained with the rest of the
/// cycle, so a later change to them would show.
/// </summary>
public sealed class ResultsPublication(
    CommandRunner commands, CycleDefinitions definitions, ILogger<ResultsPublication> logger)
{
    /// <summary>The incomplete participants a refusal names; the rest are counted.</summary>
    public const int MaxUnitsNamed = 20;

    public async Task<PublicationView> PublishAsync(long cycleId, Caller caller, CancellationToken ct)
    {
        var publication = await commands.RunAsync(caller, scope => PublishInAsync(scope, cycleId, caller), ct);
        logger.LogInformation("Published the results of cycle {CycleId}: {Participants} participants, by {User}", cycleId, publication.Results.Count, caller.Username);
        return publication;
    }

    async Task<PublicationView> PublishInAsync(CommandScope scope, long cycleId, Caller caller)
    {
        var (connection, tx, ct) = (scope.Connection, scope.Transaction, scope.Cancellation);
        var cycle = await AssessedCycle.LoadAsync(connection, tx, definitions, cycleId, caller, CycleLock.Exclusive, ct);
        if (!caller.Holds(cycle.ScopePath, Role.DistrictAdmin))
            throw new ForbiddenException(Say.Text("Only a system administrator or a district administrator over the cycle's scope may publish its results.", "只有系统管理员或管辖该轮次范围的区级管理员才能发布结果。"));
        var grading = cycle.RequireGrading();
        cycle.EnsureScoresOpen();
        var results = await AssessmentResults.ComputeAsync(connection, tx, cycleId, cycle.Definition.Indicators, grading, ct);
        var incomplete = results.Where(r => !r.Outcome.Complete).ToList();
        if (incomplete.Count > 0)
            throw new ConflictException(Say.Text($"The results are not complete for {incomplete.Count} of {results.Count} participants: " +
                $"{TextCut.FirstOf(incomplete, MaxUnitsNamed, r => Lacks(r, grading), "; ")}.",
                $"{results.Count} 个参与单位中有 {incomplete.Count} 个结果不完整：{TextCut.FirstOf(incomplete, MaxUnitsNamed, r => Lacks(r, grading), "；")}。"));

        var now = scope.Now;
        await scope.ExecuteAsync(
            "insert into assessment_publication (cycle_id, published_at, published_by) values (@cycleId, @now, @by)", new { cycleId, now, by = caller.Username });
        await PublishedResults.WriteAsync(tx, cycleId, results, ct);
        var unitRole = Rectification.UnitRole(Enum.Parse<OrgUnitKind>(cycle.Definition.Participants.Kind));
        scope.Notify(results.Select(r => new Notice($"results:{cycleId}:{r.OrgUnitId}", AssessmentNotices.ResultsPublishedKind,
            AssessmentNotices.ResultsPublished(r.Name, cycle.Year, cycle.Definition.Name, r.Outcome.Total!.Value, r.Outcome.Grade!.Value, r.Rank!.Value),
            r.OrgUnitId, unitRole, CycleId: cycleId)));
        scope.Journal(
            new JournalDraft(JournalStreams.Cycle(cycleId), "ResultsPublished", null, new
            {
                results = results.Select(r => new
                {
                    r.Rank, orgUnitCode = r.OrgUnitCode, r.Name, r.Outcome.IndicatorScore, r.Outcome.RatingScore, r.Outcome.Bonus, r.Outcome.Total,
                    r.Outcome.Vetoed, grade = r.Outcome.Grade.ToString(),
                }),
            }));
        return new PublicationView(cycleId, now, caller.Username, results.Select(r => AssessmentResults.ToView(r, cycle.Definition.Indicators, now)).ToList());
    }

    /// <summary>What keeps a sheet incomplete: scores of scored items, and votes only when the rating counts (ratingShare above 0).</summary>
    static string Lacks(UnitResult r, GradingRule grading) => Say.Text($"{r.OrgUnitCode} lacks ", $"{r.OrgUnitCode} 缺少") + string.Join(Say.Text(" and ", "和"), new[]
    {
        r.Outcome.Missing.Count > 0 ? Say.Text($"scores for {string.Join(", ", r.Outcome.Missing)}", $"{string.Join("、", r.Outcome.Missing)} 的评分") : null,
        grading.RatingShare > 0 && r.Outcome.RatingScore is null ? Say.Text("democratic rating votes", "民主测评票数") : null,
    }.OfType<string>());
}
