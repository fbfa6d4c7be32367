using System.Text.Json;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Definitions;
using CommunityWorkflows.Workflows.Journal;
using Dapper;
using Npgsql;
using static CommunityWorkflows.Workflows.Tests.Definitions.TemplateBodies;

namespace CommunityWorkflows.Workflows.Tests.Definitions;

public class TemplateVersioningTests(EngineFixture engine) : IClassFixture<EngineFixture>, IAsyncLifetime
{
    static readonly CancellationToken None = CancellationToken.None;

    Templates Templates => engine.Get<Templates>();

    public Task InitializeAsync() => EnsureUnitsAsync(engine);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Creating_makes_draft_version_1_and_a_second_create_of_the_key_conflicts()
    {
        var key = NewKey();
        Assert.Equal(new TemplateVersionRef(key, 1, TemplateStatus.Draft), await Templates.CreateAsync(Valid(key), Admin, None));

        await Assert.ThrowsAsync<ConflictException>(() => Templates.CreateAsync(Valid(key, "另一个"), DistrictAdmin, None));
        var latest = await Templates.GetLatestAsync(key, None);
        Assert.Equal((1, TemplateStatus.Draft, "测试模板", "admin"), (latest.Version, latest.Status, latest.Definition.Name, latest.CreatedBy));
        Assert.Null(latest.PublishedAt);
    }

    [Fact]
    public async Task Replacing_a_draft_changes_it_in_place()
    {
        var key = NewKey();
        await Templates.CreateAsync(Owned(key, "D1"), Admin, None);
        engine.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(new TemplateVersionRef(key, 1, TemplateStatus.Draft), await Templates.ReplaceDraftAsync(key, Valid(key, "改过的", "+20 workdays"), DistrictAdmin, None));
        var draft = await Templates.GetVersionAsync(key, 1, None);
        Assert.Equal("改过的", draft.Definition.Name);
        Assert.Equal(new DueRule.AfterWorkdays(20), draft.Definition.Stages[0].Due);
        Assert.Equal(("admin", "district-admin"), (draft.CreatedBy, draft.UpdatedBy));
        Assert.Equal(TimeSpan.FromMinutes(5), draft.UpdatedAt - draft.CreatedAt);
    }

    [Fact]
    public async Task Publishing_freezes_the_draft_and_the_next_edit_starts_the_next_version()
    {
        var key = NewKey();
        await Templates.CreateAsync(Owned(key, "D1"), Admin, None);
        Assert.Equal(new TemplateVersionRef(key, 1, TemplateStatus.Published), await Templates.PublishAsync(key, Admin, None));
        await Assert.ThrowsAsync<ConflictException>(() => Templates.PublishAsync(key, Admin, None));

        Assert.Equal(new TemplateVersionRef(key, 2, TemplateStatus.Draft), await Templates.ReplaceDraftAsync(key, Valid(key, "第二版"), Admin, None));
        var latest = await Templates.GetLatestAsync(key, None);
        Assert.Equal((1, TemplateStatus.Published, "测试模板"), (latest.Version, latest.Status, latest.Definition.Name));
        Assert.Equal("第二版", (await Templates.GetVersionAsync(key, 2, None)).Definition.Name);
        Assert.Equal("测试模板", (await Templates.GetVersionAsync(key, 1, None)).Definition.Name);

        await Templates.PublishAsync(key, DistrictAdmin, None);
        var summary = (await Templates.ListAsync(None)).Single(t => t.Key == key);
        Assert.Equal(("第二版", 2, TemplateStatus.Published), (summary.Name, summary.LatestVersion, summary.Status));
        Assert.Equal([1, 2], summary.PublishedVersions);
    }

    [Fact]
    public async Task A_published_version_cannot_be_changed_or_deleted_even_by_hand()
    {
        var key = NewKey();
        await Templates.CreateAsync(Valid(key), Admin, None);
        await Templates.PublishAsync(key, Admin, None);

        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        var update = await Assert.ThrowsAsync<PostgresException>(() =>
            connection.ExecuteAsync("update template_version set name = 'x' where template_key = @key", new { key }));
        Assert.Equal(PostgresErrorCodes.RestrictViolation, update.SqlState);
        await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("delete from template_version where template_key = @key", new { key }));
        Assert.Equal("测试模板", (await Templates.GetVersionAsync(key, 1, None)).Definition.Name);
    }

    [Fact]
    public async Task The_body_must_name_the_template_it_replaces_and_unknown_keys_are_not_found()
    {
        var key = NewKey();
        await Templates.CreateAsync(Valid(key), Admin, None);

        var mismatch = await Assert.ThrowsAsync<RuleViolationException>(() => Templates.ReplaceDraftAsync(key, Valid(NewKey()), Admin, None));
        Assert.Equal(["/key"], mismatch.Errors.Select(e => e.Field));
        var unknown = NewKey();
        await Assert.ThrowsAsync<NotFoundException>(() => Templates.ReplaceDraftAsync(unknown, Valid(unknown), Admin, None));
        await Assert.ThrowsAsync<NotFoundException>(() => Templates.PublishAsync(unknown, Admin, None));
        await Assert.ThrowsAsync<NotFoundException>(() => Templates.GetLatestAsync(unknown, None));
        await Assert.ThrowsAsync<NotFoundException>(() => Templates.GetVersionAsync(key, 2, None));
    }

    [Fact]
    public async Task An_invalid_body_names_every_problem_and_writes_nothing()
    {
        var key = NewKey();
        var body = Parse($$"""{"key":"{{key}}","name":"坏模板","participants":{"kind":"Village"},"stages":[],"extra":1}""");

        var e = await Assert.ThrowsAsync<RuleViolationException>(() => Templates.CreateAsync(body, Admin, None));
        Assert.Equal(["/extra", "/participants/kind", "/stages"], e.Errors.Select(f => f.Field));
        Assert.DoesNotContain(await Templates.ListAsync(None), t => t.Key == key);
        Assert.Empty(await engine.Get<EventJournal>().ReadAsync(JournalStreams.Template(key), None));
    }

    [Fact]
    public async Task Only_system_and_district_administrators_write()
    {
        var key = NewKey();
        await Assert.ThrowsAsync<ForbiddenException>(() => Templates.CreateAsync(Valid(key), StreetOfficer, None));
        await Templates.CreateAsync(Valid(key), DistrictAdmin, None);
        await Assert.ThrowsAsync<ForbiddenException>(() => Templates.ReplaceDraftAsync(key, Valid(key), StreetOfficer, None));
        await Assert.ThrowsAsync<ForbiddenException>(() => Templates.PublishAsync(key, StreetOfficer, None));
        Assert.Equal(TemplateStatus.Draft, (await Templates.GetLatestAsync(key, None)).Status);
    }

    [Fact]
    public async Task Every_change_is_journaled_in_the_template_stream()
    {
        var key = NewKey();
        await Templates.CreateAsync(Owned(key, "D1"), Admin, None);
        await Templates.ReplaceDraftAsync(key, Valid(key, "改"), DistrictAdmin, None);
        await Templates.PublishAsync(key, Admin, None);
        await Templates.ReplaceDraftAsync(key, Valid(key, "第二版"), Admin, None);

        var stream = JournalStreams.Template(key);
        var entries = await engine.Get<EventJournal>().ReadAsync(stream, None);
        Assert.Equal(["DraftCreated", "DraftReplaced", "Published", "DraftCreated"], entries.Select(e => e.Action));
        Assert.Equal([$"{key}@1", $"{key}@1", $"{key}@1", $"{key}@2"], entries.Select(e => e.Subject));
        Assert.Equal(["admin", "district-admin", "admin", "admin"], entries.Select(e => e.Actor));
        Assert.Contains("\"name\": \"改\"", entries[1].Payload);
        Assert.All(entries, e => Assert.Equal("D1", JsonDocument.Parse(e.Payload!).RootElement.GetProperty("ownerScopeCode").GetString()));
        Assert.True((await engine.Get<EventJournal>().VerifyAsync(stream, None)).Valid);
    }

    [Fact]
    public async Task The_stored_definition_spells_out_the_defaults()
    {
        var key = NewKey();
        await Templates.CreateAsync(Valid(key), Admin, None);
        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        var stored = await connection.QuerySingleAsync<string>(
            "select definition -> 'reminders' ->> 'daysBefore' from template_version where template_key = @key", new { key });
        Assert.Equal("[7, 1]", stored);
    }

    [Fact]
    public async Task Concurrent_edits_after_publishing_open_one_draft()
    {
        var key = NewKey();
        await Templates.CreateAsync(Valid(key), Admin, None);
        await Templates.PublishAsync(key, Admin, None);

        var saved = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => Templates.ReplaceDraftAsync(key, Valid(key, $"并发{i}"), Admin, None))));
        Assert.All(saved, s => Assert.Equal(new TemplateVersionRef(key, 2, TemplateStatus.Draft), s));
        Assert.Equal(2, (await Templates.ListAsync(None)).Single(t => t.Key == key).LatestVersion);
    }
}
