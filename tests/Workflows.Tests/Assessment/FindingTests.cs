using System.Text.Json;
using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Assessment;
using CommunityWorkflows.Workflows.Calendar;
using CommunityWorkflows.Workflows.Evidence;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Notifications;
using CommunityWorkflows.Workflows.Runtime;
using CommunityWorkflows.Workflows.Tests.Runtime;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Tests.Assessment;

public class FindingTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly byte[] Pdf = "%PDF-1.7\n% 整改佐证\ntrailer <<>>\n%%EOF\n"u8.ToArray();
    static readonly CancellationToken None = CancellationToken.None;

    Findings Findings => engine.Get<Findings>();
    TaskActions Actions => engine.Get<TaskActions>();

    static JsonElement Rectified(string measures, DateOnly on) =>
        JsonSerializer.SerializeToElement(new { measures, completedOn = on.ToString("yyyy-MM-dd") });

    async Task<IReadOnlyList<NotificationView>> InboxAsync(World world, string role, long taskId) =>
        (await engine.Get<Inbox>().ListAsync(false, null, 1000, null, await world.CallerAsync(role), None)).Where(n => n.TaskId == taskId).ToList();

    [Fact]
    public async Task A_finding_gives_the_unit_a_rectification_that_the_inspector_returns_and_then_verifies()
    {
        var world = await World.CreateAsync(engine, streets: 2);
        var cycle = await world.LaunchAsync();
        var inspector = await world.CallerAsync("inspector");
        var officer = await world.CallerAsync("s1-officer");
        var calendar = await engine.Get<Calendars>().LoadAsync(None);

        var finding = await Findings.RecordAsync(cycle.Id, new NewFinding(world.Street(1), "党员活动室未挂牌", "Minor", null, 5), inspector, None);
        var (dueOn, assumed) = calendar.AddWorkdays(ChinaTime.DateOf(engine.Clock.GetUtcNow()), 5);
        Assert.Equal((FindingStatus.Open, false, ChinaTime.EndOf(dueOn)), (finding.Status, finding.Overdue, finding.DueAt));
        Assert.Equal(assumed, finding.AssumedYears);
        Assert.Equal((world.Street(1), FindingSeverity.Minor, world.Name("inspector")), (finding.OrgUnitCode, finding.Severity, finding.RecordedBy));

        var task = await engine.Get<TaskQueries>().GetAsync(finding.RectificationTaskId, officer, None);
        Assert.Equal(("整改：党员活动室未挂牌", "Open", "directResponsible", "inspector"), (task.Title, task.Status, task.Assignee, task.Reviewer));
        Assert.True(task.CanSubmit && task.EvidenceRequired);
        Assert.Contains(await InboxAsync(world, "s1-secretary", task.Id), n => n.Kind == "Finding" && n.Subject.Contains("党员活动室未挂牌"));
        Assert.Empty(await InboxAsync(world, "s2-officer", task.Id));

        var noEvidence = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Actions.SubmitAsync(task.Id, Rectified("已挂牌", dueOn), null, officer, None));
        Assert.Equal(["/evidence"], noEvidence.Errors.Select(e => e.Field));
        await engine.Get<EvidenceStore>().AddAsync(task.Id, "挂牌照片.pdf", Pdf, officer, None);
        await Actions.SubmitAsync(task.Id, Rectified("已挂牌", dueOn), null, officer, None);
        Assert.Equal(FindingStatus.Rectifying, (await Findings.GetAsync(cycle.Id, finding.Id, inspector, None)).Status);
        await Assert.ThrowsAsync<ForbiddenException>(() => Actions.ReviewAsync(task.Id, "Accept", null, officer, None));

        await Actions.ReviewAsync(task.Id, "Return", "照片看不清门牌，请重拍", inspector, None);
        Assert.Equal(FindingStatus.Rectifying, (await Findings.GetAsync(cycle.Id, finding.Id, inspector, None)).Status);
        Assert.Contains(await InboxAsync(world, "s1-officer", task.Id), n => n.Kind == "Returned");
        await Actions.SubmitAsync(task.Id, Rectified("已挂牌并重拍照片", dueOn), null, officer, None);
        await Actions.ReviewAsync(task.Id, "Accept", "销号", inspector, None);

        var verified = await Findings.GetAsync(cycle.Id, finding.Id, inspector, None);
        Assert.Equal(FindingStatus.Verified, verified.Status);
        Assert.Equal(engine.Clock.GetUtcNow(), verified.VerifiedAt);
        Assert.Equal(0, await engine.PendingTimersAsync("Task", task.Id));
        var journal = await engine.Get<EventJournal>().ReadAsync(JournalStreams.Cycle(cycle.Id), None);
        Assert.Equal(["FindingRecorded", "EvidenceAdded", "TaskSubmitted", "TaskReturned", "TaskSubmitted", "TaskAccepted"],
            journal.Where(e => e.Subject == $"finding:{finding.Id}" || e.Subject == $"task:{task.Id}").Select(e => e.Action));
        Assert.True((await engine.Get<EventJournal>().VerifyAsync(JournalStreams.Cycle(cycle.Id), None)).Valid);
    }

    [Fact]
    public async Task A_finding_a_district_administrator_records_is_verified_by_district_administrators_where_no_inspector_may_be()
    {
        var world = await World.CreateAsync(engine, streets: 1);
        var cycle = await world.LaunchAsync();
        var admin = await world.CallerAsync("district-admin");
        var officer = await world.CallerAsync("s1-officer");
        var inspector = await world.CallerAsync("inspector");

        var byAdmin = await Findings.RecordAsync(cycle.Id, new NewFinding(world.Street(1), "发展党员程序不规范", "Major", null, 5), admin, None);
        var byInspector = await Findings.RecordAsync(cycle.Id, new NewFinding(world.Street(1), "阵地未挂牌", "Minor", null, 5), inspector, None);
        Assert.Equal(("districtAdmin", "inspector"), (byAdmin.Reviewer, byInspector.Reviewer));
        var task = await engine.Get<TaskQueries>().GetAsync(byAdmin.RectificationTaskId, officer, None);
        Assert.Equal("districtAdmin", task.Reviewer);

        await engine.Get<EvidenceStore>().AddAsync(task.Id, "整改报告.pdf", Pdf, officer, None);
        await Actions.SubmitAsync(task.Id, Rectified("已重新履行程序", ChinaTime.DateOf(engine.Clock.GetUtcNow())), null, officer, None);
        await Assert.ThrowsAsync<ForbiddenException>(() => Actions.ReviewAsync(task.Id, "Accept", null, inspector, None));
        await Actions.ReviewAsync(task.Id, "Accept", "销号", admin, None);
        Assert.Equal(FindingStatus.Verified, (await Findings.GetAsync(cycle.Id, byAdmin.Id, admin, None)).Status);
        var recorded = (await engine.Get<EventJournal>().ReadAsync(JournalStreams.Cycle(cycle.Id), None)).Single(e => e.Subject == $"finding:{byAdmin.Id}");
        Assert.Contains("\"reviewer\":\"districtAdmin\"", recorded.Payload);
    }

    [Fact]
    public async Task A_rectification_left_undone_is_reminded_goes_overdue_and_escalates_on_working_days()
    {
        var world = await World.CreateAsync(engine, streets: 1);
        var cycle = await world.LaunchAsync();
        var calendar = await engine.Get<Calendars>().LoadAsync(None);
        var finding = await Findings.RecordAsync(cycle.Id, new NewFinding(world.Street(1), "季度例会未按时召开", "Major", null, 3), await world.CallerAsync("inspector"), None);
        var dueOn = ChinaTime.DateOf(finding.DueAt);
        var taskId = finding.RectificationTaskId;

        await world.AdvanceToAsync(dueOn.AddDays(-1).Month, dueOn.AddDays(-1).Day, hour: 10);
        Assert.Contains(await InboxAsync(world, "s1-officer", taskId), n => n.Kind == "Reminder" && n.Subject.Contains("还有1天"));
        Assert.DoesNotContain(await InboxAsync(world, "s1-officer", taskId), n => n.Kind == "Overdue");

        var firstStep = calendar.AddWorkdays(dueOn, 1).Date;
        await world.AdvanceToAsync(firstStep.Month, firstStep.Day, hour: 8);
        Assert.Contains(await InboxAsync(world, "s1-officer", taskId), n => n.Kind == "Overdue");
        Assert.DoesNotContain(await InboxAsync(world, "s1-secretary", taskId), n => n.Kind == "Escalation");
        var overdue = await Findings.ListAsync(cycle.Id, null, "Open", await world.CallerAsync("district-admin"), None);
        Assert.True(overdue.Single().Overdue);

        await world.AdvanceToAsync(firstStep.Month, firstStep.Day, hour: 10);
        Assert.Single(await InboxAsync(world, "s1-secretary", taskId), n => n.Kind == "Escalation");
        Assert.DoesNotContain(await InboxAsync(world, "district-secretary", taskId), n => n.Kind == "Escalation");

        var lastStep = calendar.AddWorkdays(dueOn, 5).Date;
        await world.AdvanceToAsync(lastStep.Month, lastStep.Day, hour: 10);
        var escalation = (await InboxAsync(world, "district-secretary", taskId)).Single(n => n.Kind == "Escalation");
        Assert.Contains("逾期5个工作日", escalation.Subject);
        var summary = await Findings.SummaryAsync(cycle.Id, await world.CallerAsync("district-admin"), None);
        Assert.Equal(new FindingCounts(1, 1, 0, 0, 1), summary.Cycle);
        Assert.Equal(new FindingCounts(1, 1, 0, 0, 1), summary.Units.Single().Findings);
    }

    [Fact]
    public async Task Only_inspectors_and_district_administrators_record_findings_and_every_bad_member_is_named()
    {
        var world = await World.CreateAsync(engine, streets: 2);
        var cycle = await world.LaunchAsync();
        var inspector = await world.CallerAsync("inspector");

        var street = await world.CallerAsync("s1-officer");
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Findings.RecordAsync(cycle.Id, new NewFinding(world.Street(1), "问题", "Minor", null, 5), street, None));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Findings.RecordAsync(cycle.Id + 1_000_000, new NewFinding(world.Street(1), "问题", "Minor", null, 5), inspector, None));
        var bad = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Findings.RecordAsync(cycle.Id, new NewFinding($"{world.Street(1)}-K1", "", "Grave", "work", 0), inspector, None));
        Assert.Equal(["/orgUnitCode", "/description", "/severity", "/indicatorCode", "/rectifyWithinDays"], bad.Errors.Select(e => e.Field));

        await Findings.RecordAsync(cycle.Id, new NewFinding(world.Street(1), "问题一", "Minor", null, 5), await world.CallerAsync("district-admin"), None);
        await Findings.RecordAsync(cycle.Id, new NewFinding(world.Street(2), "问题二", "Serious", null, 5), inspector, None);
        var own = await Findings.ListAsync(cycle.Id, null, null, await world.CallerAsync("s2-officer"), None);
        Assert.Equal([world.Street(2)], own.Select(f => f.OrgUnitCode));
        Assert.Equal(2, (await Findings.ListAsync(cycle.Id, null, "Open", inspector, None)).Count);
        Assert.Empty(await Findings.ListAsync(cycle.Id, null, "Verified", inspector, None));
        Assert.Equal(["/status"], (await Assert.ThrowsAsync<RuleViolationException>(() =>
            Findings.ListAsync(cycle.Id, null, "Done", inspector, None))).Errors.Select(e => e.Field));
        Assert.Equal(["/status"], (await Assert.ThrowsAsync<RuleViolationException>(() =>
            Findings.ListAsync(cycle.Id, null, "Open, Rectifying", inspector, None))).Errors.Select(e => e.Field));
        Assert.Equal(2, (await Findings.ListAsync(cycle.Id, null, "open", inspector, None)).Count);
        Assert.Equal(["/severity"], (await Assert.ThrowsAsync<RuleViolationException>(() =>
            Findings.RecordAsync(cycle.Id, new NewFinding(world.Street(1), "问题", "Minor, Major", null, 5), inspector, None))).Errors.Select(e => e.Field));
        var lowerCase = await Findings.RecordAsync(cycle.Id, new NewFinding(world.Street(1), "问题四", "serious", null, 5), inspector, None);
        Assert.Equal(FindingSeverity.Serious, lowerCase.Severity);
        var recorded = (await engine.Get<EventJournal>().ReadAsync(JournalStreams.Cycle(cycle.Id), None)).Single(e => e.Subject == $"finding:{lowerCase.Id}");
        Assert.Contains("\"severity\":\"Serious\"", recorded.Payload);

        await engine.Get<CycleCancellation>().CancelAsync(cycle.Id, "重新发起", await world.CallerAsync("district-admin"), None);
        await Assert.ThrowsAsync<ConflictException>(() =>
            Findings.RecordAsync(cycle.Id, new NewFinding(world.Street(1), "问题三", "Minor", null, 5), inspector, None));
        Assert.All(await Findings.ListAsync(cycle.Id, null, null, inspector, None), f => Assert.Equal(FindingStatus.Cancelled, f.Status));
    }
}
