using System.Text.Json;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Testing;
using CommunityWorkflows.Workflows.Definitions;
using CommunityWorkflows.Workflows.Journal;
using Npgsql;
using static CommunityWorkflows.Workflows.Tests.Definitions.TemplateBodies;

namespace CommunityWorkflows.Workflows.Tests.Definitions;

public class DefaultTemplateInstallTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    const string Annual = "annual-responsibility";
    static readonly CancellationToken None = CancellationToken.None;

    Templates Templates => engine.Get<Templates>();

    [Fact]
    public async Task Migrating_installs_the_annual_template_as_published_version_1()
    {
        var annual = await Templates.LoadPublishedAsync(Annual, null, None);
        Assert.Equal(1, annual.Version);
        Assert.Equal("社区党建工作责任制年度考核", annual.Definition.Name);
        Assert.Equal(["TargetSetting", "MidYearInspection", "YearEndAssessment"], annual.Definition.Stages.Select(s => s.Key));
        var stored = await Templates.GetVersionAsync(Annual, 1, None);
        Assert.Equal((TemplateStatus.Published, "(system)"), (stored.Status, stored.PublishedBy));

        var journal = await engine.Get<EventJournal>().ReadAsync(JournalStreams.Template(Annual), None);
        Assert.Equal("Installed", journal[0].Action);
    }

    [Fact]
    public async Task Installing_again_leaves_the_database_and_an_administrators_new_draft_alone()
    {
        var edited = JsonSerializer.SerializeToElement(JsonDocument.Parse(TemplateJson.Serialize(
            (await Templates.GetVersionAsync(Annual, 1, None)).Definition with { Name = "本区年度考核" })).RootElement);
        await Templates.ReplaceDraftAsync(Annual, edited, Admin, None);

        await using var connection = new NpgsqlConnection(engine.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(0, await DefaultTemplates.InstallAsync(connection, None));

        var summary = (await Templates.ListAsync(None)).Single(t => t.Key == Annual);
        Assert.Equal((2, TemplateStatus.Draft, "本区年度考核"), (summary.LatestVersion, summary.Status, summary.Name));
        Assert.Equal([1], summary.PublishedVersions);
    }

    [Fact]
    public void Every_shipped_template_is_valid_and_the_schema_ships_beside_them()
    {
        Assert.Contains(DefaultTemplates.Shipped(), t => t.Key == Annual);
        using var schema = JsonDocument.Parse(TemplateSchema.Json);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
    }
}
