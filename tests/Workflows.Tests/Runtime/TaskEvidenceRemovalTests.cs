using System.Text.Json;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Evidence;
using CommunityWorkflows.Workflows.Runtime;

namespace CommunityWorkflows.Workflows.Tests.Runtime;

public class TaskEvidenceRemovalTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task The_assignee_takes_back_a_file_added_since_the_last_submission_and_a_submitted_one_stays()
    {
        var world = await World.CreateAsync(engine);
        var cycle = await world.LaunchAsync();
        var officer = await world.CallerAsync("s1-officer");
        var admin = await world.CallerAsync("district-admin");
        var tasks = await engine.Get<TaskQueries>().ListAsync(new TaskFilter(null, null, cycle.Id, world.Street(1), 10, 0), officer, CancellationToken.None);
        var id = tasks.Single(t => t.Title == "任务targets").Id;
        var store = engine.Get<EvidenceStore>();
        var removal = engine.Get<EvidenceRemoval>();

        var mistake = await store.AddAsync(id, "草稿.pdf", Pdf, officer, CancellationToken.None);
        var otherStreet = await world.CallerAsync("s2-officer");
        await Assert.ThrowsAsync<NotFoundException>(() => removal.RemoveAsync(id, mistake.Id, otherStreet, CancellationToken.None));
        await Assert.ThrowsAsync<ForbiddenException>(() => removal.RemoveAsync(id, mistake.Id, admin, CancellationToken.None));
        await removal.RemoveAsync(id, mistake.Id, officer, CancellationToken.None);
        Assert.Empty((await engine.Get<TaskQueries>().GetAsync(id, officer, CancellationToken.None)).Evidence);

        var kept = await store.AddAsync(id, "报告.pdf", Pdf, officer, CancellationToken.None);
        await engine.Get<TaskActions>().SubmitAsync(id, JsonDocument.Parse("""{"goals": "x"}""").RootElement, null, officer, CancellationToken.None);
        await Assert.ThrowsAsync<ConflictException>(() => removal.RemoveAsync(id, kept.Id, officer, CancellationToken.None));
        await engine.Get<TaskActions>().ReviewAsync(id, "Return", "补充", admin, CancellationToken.None);
        await Assert.ThrowsAsync<ConflictException>(() => removal.RemoveAsync(id, kept.Id, officer, CancellationToken.None));
        await Assert.ThrowsAsync<NotFoundException>(() => removal.RemoveAsync(id, kept.Id + 1000, officer, CancellationToken.None));
    }
}
