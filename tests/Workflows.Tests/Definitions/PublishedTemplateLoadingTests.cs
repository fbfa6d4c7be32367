using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Definitions;
using static CommunityWorkflows.Workflows.Tests.Definitions.TemplateBodies;

namespace CommunityWorkflows.Workflows.Tests.Definitions;

public class PublishedTemplateLoadingTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    static readonly CancellationToken None = CancellationToken.None;

    Templates Templates => engine.Get<Templates>();

    async Task<string> TwoPublishedAndADraftAsync()
    {
        var key = NewKey();
        await Templates.CreateAsync(Valid(key, "第一版"), Admin, None);
        await Templates.PublishAsync(key, Admin, None);
        await Templates.ReplaceDraftAsync(key, Valid(key, "第二版"), Admin, None);
        await Templates.PublishAsync(key, Admin, None);
        await Templates.ReplaceDraftAsync(key, Valid(key, "第三版草稿"), Admin, None);
        return key;
    }

    [Fact]
    public async Task Without_a_version_the_newest_published_one_loads()
    {
        var key = await TwoPublishedAndADraftAsync();
        var loaded = await Templates.LoadPublishedAsync(key, null, None);
        Assert.Equal((key, 2, "第二版"), (loaded.Key, loaded.Version, loaded.Definition.Name));
    }

    [Fact]
    public async Task An_older_published_version_loads_as_it_was()
    {
        var key = await TwoPublishedAndADraftAsync();
        Assert.Equal("第一版", (await Templates.LoadPublishedAsync(key, 1, None)).Definition.Name);
    }

    [Fact]
    public async Task A_draft_or_missing_version_is_refused_on_templateVersion()
    {
        var key = await TwoPublishedAndADraftAsync();
        foreach (var version in new[] { 3, 4, 0 })
        {
            var e = await Assert.ThrowsAsync<RuleViolationException>(() => Templates.LoadPublishedAsync(key, version, None));
            Assert.Equal(["/templateVersion"], e.Errors.Select(f => f.Field));
        }
    }

    [Fact]
    public async Task An_unknown_or_unpublished_template_is_refused_on_templateKey()
    {
        var unknown = await Assert.ThrowsAsync<RuleViolationException>(() => Templates.LoadPublishedAsync(NewKey(), null, None));
        Assert.Equal(["/templateKey"], unknown.Errors.Select(f => f.Field));

        var key = NewKey();
        await Templates.CreateAsync(Valid(key), Admin, None);
        var draftOnly = await Assert.ThrowsAsync<RuleViolationException>(() => Templates.LoadPublishedAsync(key, null, None));
        Assert.Equal(["/templateKey"], draftOnly.Errors.Select(f => f.Field));
        Assert.Contains("no published version", draftOnly.Errors[0].Message);
    }
}
