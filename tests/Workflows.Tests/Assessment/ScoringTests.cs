using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Assessment;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Runtime;
using CommunityWorkflows.Workflows.Tests.Runtime;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Assessment;

public class ScoringTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly CancellationToken None = CancellationToken.None;

    Scoring Scoring => engine.Get<Scoring>();

    /// <summary>Scores work and members, no veto unless asked, and a bonus of 0.</summary>
    async Task ScoreAsync(World world, long cycleId, int street, decimal work, decimal members, RatingVotes votes, bool vetoed = false)
    {
        var admin = await world.CallerAsync("district-admin");
        await Scoring.SetScoresAsync(cycleId, world.Street(street),
            [new("work", work, null, null), new("members", members, null, null), new("violation", null, vetoed, vetoed ? "违纪案件" : null)], admin, None);
        await Scoring.SetRatingAsync(cycleId, world.Street(street), new RatingInput(votes.Excellent, votes.Good, votes.Fair, votes.Poor), admin, None);
    }

    [Fact]
    public async Task Scores_are_checked_against_the_templates_indicators_and_only_district_administrators_give_them()
    {
        var world = await World.CreateAsync(engine, streets: 2);
        var cycle = await world.LaunchAsync(AssessmentTemplates.Annual);
        var admin = await world.CallerAsync("district-admin");

        var above = await Assert.ThrowsAsync<RuleViolationException>(() => Scoring.SetScoresAsync(cycle.Id, world.Street(1),
            [new("work", 61, null, null), new("violation", 1, null, null), new("innovation", 5, null, null)], admin, None));
        Assert.Equal(["/indicators/0/score", "/indicators/1/score"], above.Errors.Select(e => e.Field));
        Assert.DoesNotContain((await Scoring.GetSheetAsync(cycle.Id, world.Street(1), admin, None)).Indicators, i => i.ScoredAt is not null);

        var street = await world.CallerAsync("s1-officer");
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Scoring.SetScoresAsync(cycle.Id, world.Street(1), [new("work", 50, null, null)], street, None));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Scoring.SetScoresAsync(cycle.Id, world.Street(2), [new("work", 50, null, null)], street, None));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Scoring.SetScoresAsync(cycle.Id, world.District, [new("work", 50, null, null)], admin, None));
        Assert.Equal([""], (await Assert.ThrowsAsync<RuleViolationException>(() =>
            Scoring.SetRatingAsync(cycle.Id, world.Street(1), new RatingInput(0, 0, 0, 0), admin, None))).Errors.Select(e => e.Field));

        var sheet = await Scoring.SetScoresAsync(cycle.Id, world.Street(1), [new("work", 55.5m, null, "阵地规范"), new("innovation", 2, null, null)], admin, None);
        Assert.Equal((55.5m, "阵地规范", world.Name("district-admin")), (sheet.Indicators[0].Score, sheet.Indicators[0].Comment, sheet.Indicators[0].ScoredBy));
        Assert.Equal(["members"], sheet.Outcome.Missing);
        Assert.Equal(55.5m, sheet.Outcome.IndicatorScore);
        Assert.Null(sheet.Outcome.Total);
        sheet = await Scoring.SetScoresAsync(cycle.Id, world.Street(1), [new("members", 36, null, null)], admin, None);
        Assert.Equal((55.5m, 36m, 91.5m), (sheet.Indicators[0].Score, sheet.Indicators[1].Score, sheet.Outcome.IndicatorScore));

        var journal = await engine.Get<EventJournal>().ReadAsync(JournalStreams.Cycle(cycle.Id), None);
        Assert.Equal(2, journal.Count(e => e.Action == "ScoresRecorded" && e.Subject == world.Street(1)));
    }

    [Fact]
    public async Task A_score_sent_again_without_a_comment_keeps_the_comment_and_null_clears_it()
    {
        var world = await World.CreateAsync(engine, streets: 1);
        var cycle = await world.LaunchAsync(AssessmentTemplates.Annual);
        var admin = await world.CallerAsync("district-admin");
        await Scoring.SetScoresAsync(cycle.Id, world.Street(1), [new("work", 50, null, "阵地规范")], admin, None);

        var kept = await Scoring.SetScoresAsync(cycle.Id, world.Street(1), [new("work", 52, null, null)], admin, None, keepComment: new HashSet<int> { 0 });
        Assert.Equal((52m, "阵地规范"), (kept.Indicators[0].Score, kept.Indicators[0].Comment));

        var cleared = await Scoring.SetScoresAsync(cycle.Id, world.Street(1), [new("work", 53, null, null)], admin, None);
        Assert.Equal((53m, (string?)null), (cleared.Indicators[0].Score, cleared.Indicators[0].Comment));
    }

    [Fact]
    public async Task Equal_totals_share_a_rank_and_a_veto_forces_the_lowest_grade_whatever_the_total()
    {
        var world = await World.CreateAsync(engine, streets: 3);
        var cycle = await world.LaunchAsync(AssessmentTemplates.Annual);
        // S1: 0.7 × (50 + 34) + 0.3 × (10×100 + 10×80)/20 = 58.8 + 27 = 85.8
        // S2: 0.7 × (54 + 30) + 0.3 × (9×100 + 9×80)/18  = 58.8 + 27 = 85.8 — a tie: both rank 1, both Good
        // S3: 0.7 × (60 + 40) + 0.3 × 100 = 100, but vetoed: rank 3, Poor
        await ScoreAsync(world, cycle.Id, 1, 50, 34, new RatingVotes(10, 10, 0, 0));
        await ScoreAsync(world, cycle.Id, 2, 54, 30, new RatingVotes(9, 9, 0, 0));
        await ScoreAsync(world, cycle.Id, 3, 60, 40, new RatingVotes(20, 0, 0, 0), vetoed: true);

        var results = (await engine.Get<AssessmentResults>().GetAsync(cycle.Id, await world.CallerAsync("district-admin"), None)).Results;
        Assert.Equal(
            [(1, world.Street(1), 85.8m, Grade.Good), (1, world.Street(2), 85.8m, Grade.Good), (3, world.Street(3), 100m, Grade.Poor)],
            results.Select(r => (r.Rank!.Value, r.OrgUnitCode, r.Total!.Value, r.Grade!.Value)));
        Assert.Equal(["violation"], results[2].VetoedBy);

        var participants = await engine.Get<CycleQueries>().ParticipantsAsync(cycle.Id, await world.CallerAsync("district-admin"), None);
        Assert.Equal([(85.8m, "Good"), (85.8m, "Good"), (100m, "Poor")], participants.Select(p => (p.Score!.Value, p.Grade!)));
    }

    [Fact]
    public async Task Refusing_to_publish_names_twenty_incomplete_participants_and_counts_the_rest()
    {
        var world = await World.CreateAsync(engine, streets: 23);
        var cycle = await world.LaunchAsync(AssessmentTemplates.Annual);
        var admin = await world.CallerAsync("district-admin");
        await ScoreAsync(world, cycle.Id, 1, 58, 38, new RatingVotes(40, 10, 0, 0));

        var incomplete = await Assert.ThrowsAsync<ConflictException>(() => engine.Get<ResultsPublication>().PublishAsync(cycle.Id, admin, None));
        Assert.StartsWith("The results are not complete for 22 of 23 participants: ", incomplete.Message);
        Assert.Equal(ResultsPublication.MaxUnitsNamed, incomplete.Message.Split(" lacks ").Length - 1);
        Assert.EndsWith("; and 2 more.", incomplete.Message);
        Assert.DoesNotContain($"{world.Street(1)} lacks", incomplete.Message);
    }

    [Fact]
    public async Task Publishing_needs_every_sheet_complete_then_freezes_scores_and_votes_and_journals_the_results()
    {
        var world = await World.CreateAsync(engine, streets: 2);
        var cycle = await world.LaunchAsync(AssessmentTemplates.Annual);
        var admin = await world.CallerAsync("district-admin");
        var publication = engine.Get<ResultsPublication>();
        await ScoreAsync(world, cycle.Id, 1, 58, 38, new RatingVotes(40, 10, 0, 0));

        var incomplete = await Assert.ThrowsAsync<ConflictException>(() => publication.PublishAsync(cycle.Id, admin, None));
        Assert.Contains($"{world.Street(2)} lacks scores for work, members and democratic rating votes", incomplete.Message);
        var inspector = await world.CallerAsync("inspector");
        await Assert.ThrowsAsync<ForbiddenException>(() => publication.PublishAsync(cycle.Id, inspector, None));
        await ScoreAsync(world, cycle.Id, 2, 40, 30, new RatingVotes(5, 20, 20, 5));

        var published = await publication.PublishAsync(cycle.Id, admin, None);
        Assert.Equal([1, 2], published.Results.Select(r => r.Rank!.Value));
        await Assert.ThrowsAsync<ConflictException>(() => publication.PublishAsync(cycle.Id, admin, None));
        await Assert.ThrowsAsync<ConflictException>(() => Scoring.SetScoresAsync(cycle.Id, world.Street(2), [new("work", 60, null, null)], admin, None));
        await Assert.ThrowsAsync<ConflictException>(() => Scoring.SetRatingAsync(cycle.Id, world.Street(2), new RatingInput(50, 0, 0, 0), admin, None));
        await using (var connection = new NpgsqlConnection(engine.ConnectionString))
        {
            var sql = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
                "update indicator_score set score = 60 where cycle_id = @id and code = 'work'", new { id = cycle.Id }));
            Assert.Equal(PostgresErrorCodes.RestrictViolation, sql.SqlState);
            await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("delete from democratic_rating where cycle_id = @id", new { id = cycle.Id }));
        }

        var results = (await engine.Get<AssessmentResults>().GetAsync(cycle.Id, admin, None)).Results;
        Assert.Equal(published.Results.Select(r => (r.OrgUnitCode, r.Total)), results.Select(r => (r.OrgUnitCode, r.Total)));
        Assert.All(results, r => Assert.Equal(published.PublishedAt, r.PublishedAt));
        var entry = (await engine.Get<EventJournal>().ReadAsync(JournalStreams.Cycle(cycle.Id), None)).Single(e => e.Action == "ResultsPublished");
        Assert.Contains($"\"orgUnitCode\":\"{world.Street(1)}\",\"name\":\"{published.Results[0].Name}\"", entry.Payload);
        var notice = (await engine.Get<Inbox>().ListAsync(false, "ResultsPublished", 10, null, await world.CallerAsync("s2-officer"), None)).Single();
        Assert.Contains("排名第2", notice.Subject);

        // published grades are circulated and count in the accountability report: the cycle can no longer be cancelled
        var cancel = await Assert.ThrowsAsync<ConflictException>(() => engine.Get<CycleCancellation>().CancelAsync(cycle.Id, "重新发起", admin, None));
        Assert.Contains("published", cancel.Message);
        Assert.Equal("Running", (await engine.Get<CycleQueries>().GetAsync(cycle.Id, admin, None)).Status);
        Assert.All((await engine.Get<AccountabilityReport>().ReportAsync(world.Year, world.District, admin, None)).Skip(1), r => Assert.NotNull(r.Grade));
    }

    static string AsPublished(ResultView r) =>
        $"{r.Rank} {r.OrgUnitCode} {r.Name} {r.IndicatorScore:0.00} {r.RatingScore:0.00} {r.Bonus:0.00} {r.Total:0.00} {r.Vetoed} {r.Grade} "
        + string.Join(",", r.Indicators.Select(i => $"{i.Code}={i.Score:0.00}/{i.Vetoed}")) + $" {r.Votes?.Excellent}/{r.Votes?.Good}/{r.Votes?.Fair}/{r.Votes?.Poor}";

    [Fact]
    public async Task Published_results_are_served_as_published_whatever_changes_behind_them()
    {
        var world = await World.CreateAsync(engine, streets: 2);
        var cycle = await world.LaunchAsync(AssessmentTemplates.Annual);
        var admin = await world.CallerAsync("district-admin");
        await ScoreAsync(world, cycle.Id, 1, 58, 38, new RatingVotes(40, 10, 0, 0));
        await ScoreAsync(world, cycle.Id, 2, 40, 30, new RatingVotes(5, 20, 20, 5));
        var published = await engine.Get<ResultsPublication>().PublishAsync(cycle.Id, admin, None);
        await Assert.ThrowsAsync<ConflictException>(() => Scoring.SetScoresAsync(cycle.Id, world.Street(2), [new("work", 60, null, null)], admin, None));

        // behind the code's and the input trigger's back: street 2 now outscores street 1, and street 1 has a new name
        await using (var connection = new NpgsqlConnection(engine.ConnectionString))
        {
            await connection.OpenAsync();
            await using (var tx = await connection.BeginTransactionAsync())
            {
                await connection.ExecuteAsync("set local session_replication_role = replica", transaction: tx);
                await connection.ExecuteAsync("update indicator_score set score = 60 where cycle_id = @id and code = 'work'", new { id = cycle.Id }, tx);
                await connection.ExecuteAsync("update org_unit set name = '新名街道' where code = @code", new { code = world.Street(1) }, tx);
                await tx.CommitAsync();
            }
            var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
                "update assessment_result set total = 100 where cycle_id = @id", new { id = cycle.Id }));
            Assert.Equal(PostgresErrorCodes.RestrictViolation, refused.SqlState);
        }

        var served = (await engine.Get<AssessmentResults>().GetAsync(cycle.Id, await world.CallerAsync("s2-officer"), None)).Results;
        Assert.Equal(published.Results.Select(AsPublished), served.Select(AsPublished));
        Assert.Equal([(world.Street(1), 1, Grade.Excellent), (world.Street(2), 2, Grade.Fair)], served.Select(r => (r.OrgUnitCode, r.Rank!.Value, r.Grade!.Value)));
        var sheet = await Scoring.GetSheetAsync(cycle.Id, world.Street(2), admin, None);
        Assert.Equal((60m, published.Results[1].Total, Grade.Fair), (sheet.Indicators.Single(i => i.Code == "work").Score!.Value, sheet.Outcome.Total, sheet.Outcome.Grade!.Value));
        var participants = await engine.Get<CycleQueries>().ParticipantsAsync(cycle.Id, admin, None);
        Assert.Equal(published.Results.Select(r => (r.OrgUnitCode, r.Total, r.Grade?.ToString())), participants.Select(p => (p.OrgUnitCode, p.Score, p.Grade)));
        var report = await engine.Get<AccountabilityReport>().ReportAsync(world.Year, world.District, admin, None);
        Assert.Equal(published.Results.Select(r => (r.OrgUnitCode, r.Rank, r.Total, r.Grade)), report[0].Units.Select(u => (u.OrgUnitCode, u.Rank, u.Total, u.Grade)));
    }

    [Fact]
    public async Task A_cycle_published_before_results_were_stored_gets_them_from_its_journal_entry()
    {
        var world = await World.CreateAsync(engine, streets: 2);
        var cycle = await world.LaunchAsync(AssessmentTemplates.Annual);
        var admin = await world.CallerAsync("district-admin");
        await ScoreAsync(world, cycle.Id, 1, 50, 30, new RatingVotes(3, 1, 0, 0));
        await ScoreAsync(world, cycle.Id, 2, 52, 33, new RatingVotes(1, 1, 1, 1), vetoed: true);
        var published = await engine.Get<ResultsPublication>().PublishAsync(cycle.Id, admin, None);

        // as 0012 finds a cycle published before it: no stored results; its backfill statement, run again, restores them as journaled
        var migration = typeof(AssessmentResults).Assembly.GetManifestResourceNames().Single(n => n.EndsWith("0012_assessment_fixes.sql", StringComparison.Ordinal));
        using var reader = new StreamReader(typeof(AssessmentResults).Assembly.GetManifestResourceStream(migration)!);
        var script = await reader.ReadToEndAsync();
        var start = script.IndexOf("insert into assessment_result", StringComparison.Ordinal);
        var backfill = script[start..script.IndexOf(';', start)] + $" where p.cycle_id = {cycle.Id}";
        await using (var connection = new NpgsqlConnection(engine.ConnectionString))
        {
            await connection.OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("set local session_replication_role = replica", transaction: tx);
            Assert.Equal(2, await connection.ExecuteAsync("delete from assessment_result where cycle_id = @id", new { id = cycle.Id }, tx));
            await connection.ExecuteAsync("update org_unit set name = '后改的名' where code = @code", new { code = world.Street(1) }, tx);
            Assert.Equal(2, await connection.ExecuteAsync(backfill, transaction: tx));
            await tx.CommitAsync();
        }

        var served = (await engine.Get<AssessmentResults>().GetAsync(cycle.Id, admin, None)).Results;
        Assert.Equal(published.Results.Select(AsPublished), served.Select(AsPublished));
        Assert.Equal(["violation"], served.Single(r => r.OrgUnitCode == world.Street(2)).VetoedBy);
    }

    [Fact]
    public async Task Without_a_rating_share_publication_asks_for_no_democratic_rating_votes()
    {
        var world = await World.CreateAsync(engine, streets: 2);
        var template = AssessmentTemplates.Annual with { Grading = AssessmentTemplates.Annual.Grading! with { RatingShare = 0 } };
        var cycle = await world.LaunchAsync(template);
        var admin = await world.CallerAsync("district-admin");
        var publication = engine.Get<ResultsPublication>();
        await Scoring.SetScoresAsync(cycle.Id, world.Street(1), [new("work", 50, null, null), new("members", 30, null, null)], admin, None);
        await Scoring.SetScoresAsync(cycle.Id, world.Street(2), [new("work", 45, null, null)], admin, None);

        var incomplete = await Assert.ThrowsAsync<ConflictException>(() => publication.PublishAsync(cycle.Id, admin, None));
        Assert.Contains($"{world.Street(2)} lacks scores for members.", incomplete.Message);
        Assert.DoesNotContain("votes", incomplete.Message);
        Assert.DoesNotContain(world.Street(1), incomplete.Message);

        await Scoring.SetScoresAsync(cycle.Id, world.Street(2), [new("members", 35, null, null)], admin, None);
        var published = await publication.PublishAsync(cycle.Id, admin, None);
        Assert.Equal([(world.Street(1), 80m), (world.Street(2), 80m)], published.Results.Select(r => (r.OrgUnitCode, r.Total!.Value)));
    }

    [Fact]
    public async Task Before_publication_a_street_sees_only_its_own_result_and_afterwards_the_whole_ranking()
    {
        var world = await World.CreateAsync(engine, streets: 2);
        var cycle = await world.LaunchAsync(AssessmentTemplates.Annual);
        await ScoreAsync(world, cycle.Id, 1, 50, 30, new RatingVotes(1, 0, 0, 0));
        await ScoreAsync(world, cycle.Id, 2, 55, 35, new RatingVotes(1, 0, 0, 0));
        var street = await world.CallerAsync("s1-officer");
        var results = engine.Get<AssessmentResults>();

        var before = (await results.GetAsync(cycle.Id, street, None)).Results;
        Assert.Equal([(2, world.Street(1))], before.Select(r => (r.Rank!.Value, r.OrgUnitCode)));
        var participants = engine.Get<CycleQueries>();
        Assert.Equal([(world.Street(1), before[0].Total)], (await participants.ParticipantsAsync(cycle.Id, street, None)).Select(p => (p.OrgUnitCode, p.Score)));
        await Assert.ThrowsAsync<NotFoundException>(() => Scoring.GetSheetAsync(cycle.Id, world.Street(2), street, None));
        await engine.Get<ResultsPublication>().PublishAsync(cycle.Id, await world.CallerAsync("district-admin"), None);
        Assert.Equal([world.Street(1), world.Street(2)], (await results.GetAsync(cycle.Id, street, None)).Results.Select(r => r.OrgUnitCode));
        Assert.Equal([(world.Street(1), before[0].Total)], (await participants.ParticipantsAsync(cycle.Id, street, None)).Select(p => (p.OrgUnitCode, p.Score)));

        var outsider = new Caller(0, "outsider", [new RoleGrant(Role.StreetOfficer, "ELSEWHERE", "/ELSEWHERE/")]);
        await Assert.ThrowsAsync<NotFoundException>(() => results.GetAsync(cycle.Id, outsider, None));
    }

    [Fact]
    public async Task A_template_without_indicators_has_nothing_to_score_or_publish()
    {
        var world = await World.CreateAsync(engine, streets: 1);
        var cycle = await world.LaunchAsync(TestTemplates.Annual);
        var admin = await world.CallerAsync("district-admin");
        await Assert.ThrowsAsync<ConflictException>(() => Scoring.SetScoresAsync(cycle.Id, world.Street(1), [new("work", 1, null, null)], admin, None));
        await Assert.ThrowsAsync<ConflictException>(() => engine.Get<AssessmentResults>().GetAsync(cycle.Id, admin, None));
        await Assert.ThrowsAsync<ConflictException>(() => engine.Get<ResultsPublication>().PublishAsync(cycle.Id, admin, None));
        Assert.Null((await engine.Get<CycleQueries>().ParticipantsAsync(cycle.Id, admin, None)).Single().Score);
    }
}
