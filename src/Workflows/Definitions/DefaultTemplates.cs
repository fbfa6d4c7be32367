using System.Text.Json;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Store;
using Npgsql;

namespace CommunityWorkflows.Workflows.Definitions;

/// <summary>Installs the shipped <c>templates/*.json</c> definitions that the database does not have yet, as published version 1.</summary>
sealed class DefaultTemplates : IShippedContent
{
    int IShippedContent.Order => 20;

    Task IShippedContent.InstallAsync(NpgsqlConnection connection, CancellationToken ct) => InstallAsync(connection, ct);

    public const string Installer = "(system)";

    /// <summary>The shipped definitions; a shipped file that breaks a rule is a bug of the release and stops start-up.</summary>
    public static IReadOnlyList<TemplateDefinition> Shipped() =>
        ShippedFiles.Names().Where(n => n != TemplateSchema.FileName).Select(name =>
        {
            using var document = JsonDocument.Parse(ShippedFiles.Read(name));
            var parsed = TemplateParser.Parse(document.RootElement);
            if (parsed.OwnerScopeCode is not null)
                throw new InvalidOperationException($"The shipped template {name} names an owner; shipped templates belong to the installation.");
            return parsed.Definition ?? throw new InvalidOperationException(
                $"The shipped template {name} is invalid: {string.Join("; ", parsed.Errors.Select(e => $"{e.Field} {e.Message}"))}");
        }).ToList();

    /// <summary>
    /// Runs after the migrations under their lock; a key the database knows in any version is left alone, so an
    /// administrator's own versions of a shipped template are never overwritten. A shipped template belongs to the
    /// installation (no owner unit): only a system administrator edits it. Returns how many were installed.
    /// </summary>
    public static async Task<int> InstallAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var installed = 0;
        foreach (var definition in Shipped())
        {
            // installed by the migrator before the host's services (and its clock) exist: the machine's time is the honest one
            if (await CommandRunner.RunOnAsync(connection, TimeProvider.System, Installer, scope => InstallInAsync(scope, definition), ct))
                installed++;
        }
        return installed;
    }

    static async Task<bool> InstallInAsync(CommandScope scope, TemplateDefinition definition)
    {
        var inserted = await scope.ExecuteAsync(
            """
            insert into template_version (template_key, version, status, name, definition, created_at, created_by,
                                          updated_at, updated_by, published_at, published_by)
            select @key, 1, 'Published', @name, cast(@canonical as jsonb), @now, @actor, @now, @actor, @now, @actor
            where not exists (select 1 from template_version where template_key = @key)
            """, new { key = definition.Key, name = definition.Name, canonical = TemplateJson.Serialize(definition), now = scope.Now, actor = Installer });
        if (inserted == 1)
            scope.Journal(new JournalDraft(JournalStreams.Template(definition.Key), "Installed", $"{definition.Key}@1", TemplatePayload.Of(definition, null)));
        return inserted == 1;
    }
}
