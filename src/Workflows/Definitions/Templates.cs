using System.Text.Json;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Workflows.Definitions;

/// <summary>
/// Templates (workflow definitions) and their versions: a draft is edited, publishing freezes it for good, and
/// the next edit starts a new draft. A template has an owner, the org unit whose district administrators (at it or
/// above it) edit and publish it and beneath which it is launched (null: the installation, changed only by system
/// administrators and the city's district administrators); everyone signed in reads.
/// Every change is journaled in the stream <c>template:&lt;key&gt;</c> in the same transaction.
/// </summary>
public sealed class Templates(NpgsqlDataSource db, CommandRunner commands, ILogger<Templates> logger)
{
    const string OwnerField = "/ownerScopeCode";

    const string SelectVersion = """
        select t.template_key, t.version, t.status, t.definition::text as definition, t.created_at, t.created_by,
               t.updated_at, t.updated_by, t.published_at, t.published_by, o.code as owner_scope_code
        from template_version t left join org_unit o on o.id = t.owner_unit_id
        """;

    /// <summary>
    /// Creates a template as draft version 1, owned by the body's <c>ownerScopeCode</c> or by default the creator's
    /// (see <see cref="TemplateOwnership.ChooseOwner"/>): 403 unless the caller may edit a template of that owner,
    /// 409 when the key exists, 422 naming every broken rule (an owner unknown or out of sight among them).
    /// </summary>
    public async Task<TemplateVersionRef> CreateAsync(JsonElement body, Caller caller, CancellationToken ct)
    {
        EnsureMayWrite(caller);
        var parsed = TemplateParser.Parse(body);
        var errors = parsed.Errors.ToList();
        var choice = TemplateOwnership.ChooseOwner(caller, parsed.OwnerScopeCode);
        var ownerNamedBadly = errors.Any(e => e.Field == OwnerField);
        if (choice.Problem is not null && !ownerNamedBadly)
            errors.Add(new FieldError(OwnerField, choice.Problem));
        var (created, owner) = await commands.RunAsync(caller, async scope =>
        {
            var unit = choice.OrgUnitCode is null || ownerNamedBadly ? null : await OwnerUnitAsync(scope, choice.OrgUnitCode, caller, errors);
            if (errors.All(e => e.Field != OwnerField))
                await EnsureMayEditAsync(scope, caller, parsed.Definition is { } named ? $"Template '{named.Key}'" : "The template", unit);
            if (errors.Count > 0)
                throw new RuleViolationException(errors, Say.Text("The template breaks one or more rules.", "模板不符合规则。"));
            var definition = parsed.Definition!;
            await LockAsync(scope, definition.Key);
            if (await VersionsAsync(scope, definition.Key) is { Count: > 0 })
                throw new ConflictException(Say.Text($"Template '{definition.Key}' already exists; replace its draft instead.", $"模板“{definition.Key}”已存在，请改为替换其草稿。"));
            return (await InsertDraftAsync(scope, definition, 1, unit, caller.Username), unit);
        }, ct);
        logger.LogInformation("Template {TemplateKey} created by {Actor}, owned by {Owner}", created.Key, caller.Username, owner?.Code ?? "(installation)");
        return created;
    }

    /// <summary>
    /// The unit a new template is to belong to: one a cycle can be launched over (a City, District or Street). Like a
    /// launch's <c>scopeCode</c>, a unit the caller cannot see is reported as unknown.
    /// </summary>
    static async Task<OwnerUnit?> OwnerUnitAsync(CommandScope scope, string code, Caller caller, List<FieldError> errors)
    {
        var unit = await scope.SingleOrDefaultAsync<UnitRow>("select id, code, path, kind from org_unit where code = @code", new { code });
        if (unit is null || !caller.CanSee(unit.Path))
            errors.Add(new FieldError(OwnerField, Say.Text($"Unknown org unit '{code}'.", $"未知组织单位“{code}”。")));
        else if (unit.Kind is not ("City" or "District" or "Street"))
            errors.Add(new FieldError(OwnerField, Say.Text($"A template belongs to a City, District or Street (or, left out, to the installation), not to a {unit.Kind}.", $"模板只能归属于市、区或街道（不填则归属于本系统），不能归属于{Say.Name(unit.Kind)}。")));
        else
            return new OwnerUnit(unit.Id, unit.Code, unit.Path);
        return null;
    }

    /// <summary>
    /// Replaces the draft of <paramref name="key"/>; when there is none, the body becomes the next version's draft.
    /// 404 for an unknown key, 403 unless the caller administers its owner, 422 when the body breaks a rule or names
    /// another key or owner.
    /// </summary>
    public Task<TemplateVersionRef> ReplaceDraftAsync(string key, JsonElement body, Caller caller, CancellationToken ct)
    {
        EnsureMayWrite(caller);
        var parsed = TemplateParser.Parse(body);
        var errors = parsed.Errors.Concat(KeyMismatch(body, key)).ToList();
        return commands.RunAsync(caller, async scope =>
        {
            var (versions, owner) = await EditableAsync(scope, key, caller);
            if (parsed.OwnerScopeCode is { } named && named != owner?.Code)
                errors.Add(new FieldError(OwnerField, Say.Text($"A template's owner does not change: '{key}' belongs to {Describe(owner)}, not to '{named}'.", $"模板的归属不能更改：“{key}”归属于 {Describe(owner)}，而非“{named}”。")));
            if (errors.Count > 0)
                throw new RuleViolationException(errors, Say.Text("The template breaks one or more rules.", "模板不符合规则。"));
            var draft = versions.FirstOrDefault(v => v.Status == nameof(TemplateStatus.Draft));
            return draft is null
                ? await InsertDraftAsync(scope, parsed.Definition!, versions.Max(v => v.Version) + 1, owner, caller.Username)
                : await UpdateDraftAsync(scope, parsed.Definition!, draft.Version, owner, caller.Username);
        }, ct);
    }

    static IEnumerable<FieldError> KeyMismatch(JsonElement body, string key)
    {
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("key", out var named)
            && named.ValueKind == JsonValueKind.String && named.GetString() is { } bodyKey && bodyKey != key)
            yield return new FieldError("/key", Say.Text($"The body's key '{bodyKey}' differs from the template's key '{key}'.", $"请求中的标识“{bodyKey}”与模板标识“{key}”不一致。"));
    }

    /// <summary>
    /// Publishes the draft of <paramref name="key"/>; from now on that version never changes. 404 for an unknown key,
    /// 403 unless the caller administers its owner, 409 when there is no draft.
    /// </summary>
    public async Task<TemplateVersionRef> PublishAsync(string key, Caller caller, CancellationToken ct)
    {
        EnsureMayWrite(caller);
        var published = await commands.RunAsync(caller, async scope =>
        {
            var (versions, owner) = await EditableAsync(scope, key, caller);
            var draft = versions.FirstOrDefault(v => v.Status == nameof(TemplateStatus.Draft))
                ?? throw new ConflictException(Say.Text($"Template '{key}' has no draft to publish; version {versions.Max(v => v.Version)} is already published.", $"模板“{key}”没有可发布的草稿；第 {versions.Max(v => v.Version)} 版已发布。"));
            await scope.ExecuteAsync(
                """
                update template_version set status = 'Published', published_at = @now, published_by = @actor
                where template_key = @key and version = @version
                """, new { now = scope.Now, actor = caller.Username, key, version = draft.Version });
            scope.Journal(new JournalDraft(JournalStreams.Template(key), "Published", $"{key}@{draft.Version}", new { version = draft.Version, ownerScopeCode = owner?.Code }));
            return new TemplateVersionRef(key, draft.Version, TemplateStatus.Published);
        }, ct);
        logger.LogInformation("Template {TemplateKey} version {Version} published by {Actor}", key, published.Version, caller.Username);
        return published;
    }

    /// <summary>The newest published version of <paramref name="key"/>, or its draft while nothing is published.</summary>
    public async Task<TemplateVersion> GetLatestAsync(string key, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QueryFirstOrDefaultAsync<VersionRow>(new CommandDefinition(
            SelectVersion + " where template_key = @key order by status = 'Published' desc, version desc limit 1",
            new { key }, cancellationToken: ct));
        return row is null ? throw new NotFoundException(Say.Text($"Template '{key}' was not found.", $"未找到模板“{key}”。")) : ToVersion(row);
    }

    public async Task<TemplateVersion> GetVersionAsync(string key, int version, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<VersionRow>(new CommandDefinition(
            SelectVersion + " where template_key = @key and version = @version", new { key, version }, cancellationToken: ct));
        return row is null ? throw new NotFoundException(Say.Text($"Template '{key}' has no version {version}.", $"模板“{key}”没有第 {version} 版。")) : ToVersion(row);
    }

    /// <summary>Every template, ordered by key.</summary>
    public async Task<IReadOnlyList<TemplateSummary>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition(
            """
            select t.template_key,
                   (array_agg(t.name order by t.version desc))[1] as name,
                   max(t.version) as latest_version,
                   (array_agg(t.status order by t.version desc))[1] as status,
                   coalesce(array_agg(t.version order by t.version) filter (where t.status = 'Published'), '{}') as published_versions,
                   (array_agg(o.code order by t.version desc))[1] as owner_scope_code
            from template_version t left join org_unit o on o.id = t.owner_unit_id
            group by t.template_key
            order by t.template_key
            """, cancellationToken: ct));
        return rows.Select(r => new TemplateSummary(
            r.TemplateKey, r.Name, r.LatestVersion, Enum.Parse<TemplateStatus>(r.Status), r.PublishedVersions, r.OwnerScopeCode)).ToList();
    }

    /// <summary>
    /// The published version a cycle launches with: <paramref name="version"/>, or the newest published one when null.
    /// An unknown key, or one with nothing published, is a <see cref="RuleViolationException"/> on <c>/templateKey</c>;
    /// a version that does not exist or is still a draft, one on <c>/templateVersion</c>.
    /// </summary>
    public async Task<PublishedTemplate> LoadPublishedAsync(string key, int? version, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<VersionRow>(new CommandDefinition(
            SelectVersion + " where template_key = @key and status = 'Published' and (@version::int is null or version = @version) order by version desc limit 1",
            new { key, version }, cancellationToken: ct))).ToList();
        if (rows.Count == 0)
        {
            var known = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists (select 1 from template_version where template_key = @key)", new { key }, cancellationToken: ct));
            if (!known)
                throw new RuleViolationException("/templateKey", Say.Text($"There is no template '{key}'.", $"不存在模板“{key}”。"));
            throw version is null
                ? new RuleViolationException("/templateKey", Say.Text($"Template '{key}' has no published version yet.", $"模板“{key}”尚无已发布的版本。"))
                : new RuleViolationException("/templateVersion", Say.Text($"Template '{key}' has no published version {version}.", $"模板“{key}”没有已发布的第 {version} 版。"));
        }
        var found = ToVersion(rows[0]);
        return new PublishedTemplate(found.Key, found.Version, found.Definition);
    }

    /// <summary>403 for a caller who writes no template at all, before the body is read.</summary>
    static void EnsureMayWrite(Caller caller)
    {
        if (!TemplateOwnership.MayWrite(caller))
            throw new ForbiddenException(Say.Text("Only a system administrator or a district administrator may create, edit or publish templates.", "只有系统管理员或区级管理员才能创建、编辑或发布模板。"));
    }

    /// <summary>
    /// 403 unless the caller administers the template's owner (see <see cref="TemplateOwnership.MayEdit"/>): the
    /// template is in everyone's sight, so a refusal is never a 404. Reading stays open.
    /// </summary>
    static async Task EnsureMayEditAsync(CommandScope scope, Caller caller, string template, OwnerUnit? owner)
    {
        var cityPaths = owner is null && !caller.IsSystemAdmin ? await scope.QueryAsync<string>("select path from org_unit where kind = 'City'") : [];
        if (TemplateOwnership.MayEdit(caller, owner?.Path, cityPaths)) return;
        throw new ForbiddenException(owner is null
            ? Say.Text($"{template} belongs to the installation: only a system administrator or a district administrator of the city may create, edit or publish it.", $"{template}归属于本系统：只有系统管理员或在市级任职的区级管理员才能创建、编辑或发布。")
            : Say.Text($"{template} belongs to {owner.Code}: only a system administrator or a district administrator of {owner.Code} or a unit above it may create, edit or publish it.", $"{template}归属于 {owner.Code}：只有系统管理员，或 {owner.Code} 及其上级单位的区级管理员，才能创建、编辑或发布。"));
    }

    static string Describe(OwnerUnit? owner) => owner is null ? Say.Text("the installation", "本系统") : $"'{owner.Code}'";

    /// <summary>Every version of a key has the same owner; the first one's is read.</summary>
    static OwnerUnit? OwnerOf(IReadOnlyList<StoredVersion> versions) =>
        versions.MinBy(v => v.Version) is { OwnerUnitId: { } id, OwnerCode: { } code, OwnerPath: { } path } ? new OwnerUnit(id, code, path) : null;

    /// <summary>Commands on one key take turns, so that two of them never compute the same next version.</summary>
    static Task LockAsync(CommandScope scope, string key) =>
        scope.ExecuteAsync("select pg_advisory_xact_lock(hashtextextended(@stream, 0))", new { stream = JournalStreams.Template(key) });

    static Task<IReadOnlyList<StoredVersion>> VersionsAsync(CommandScope scope, string key) =>
        scope.QueryAsync<StoredVersion>(
            """
            select t.version, t.status, t.owner_unit_id, o.code as owner_code, o.path as owner_path
            from template_version t left join org_unit o on o.id = t.owner_unit_id
            where t.template_key = @key
            """, new { key });

    /// <summary>
    /// The versions of an existing <paramref name="key"/>, under its lock, and their owner, which the caller administers:
    /// 404 for an unknown key, 403 otherwise.
    /// </summary>
    static async Task<(IReadOnlyList<StoredVersion> Versions, OwnerUnit? Owner)> EditableAsync(CommandScope scope, string key, Caller caller)
    {
        await LockAsync(scope, key);
        var versions = await VersionsAsync(scope, key);
        if (versions.Count == 0)
            throw new NotFoundException(Say.Text($"Template '{key}' was not found.", $"未找到模板“{key}”。"));
        var owner = OwnerOf(versions);
        await EnsureMayEditAsync(scope, caller, $"Template '{key}'", owner);
        return (versions, owner);
    }

    static async Task<TemplateVersionRef> InsertDraftAsync(CommandScope scope, TemplateDefinition definition, int version, OwnerUnit? owner, string actor)
    {
        await scope.ExecuteAsync(
            """
            insert into template_version (template_key, version, status, name, definition, owner_unit_id, created_at, created_by, updated_at, updated_by)
            values (@key, @version, 'Draft', @name, cast(@canonical as jsonb), @ownerId, @now, @actor, @now, @actor)
            """,
            new { key = definition.Key, version, name = definition.Name, canonical = TemplateJson.Serialize(definition), ownerId = owner?.Id, now = scope.Now, actor });
        return Drafted(scope, "DraftCreated", definition, version, owner);
    }

    static async Task<TemplateVersionRef> UpdateDraftAsync(CommandScope scope, TemplateDefinition definition, int version, OwnerUnit? owner, string actor)
    {
        await scope.ExecuteAsync(
            """
            update template_version set name = @name, definition = cast(@canonical as jsonb), updated_at = @now, updated_by = @actor
            where template_key = @key and version = @version and status = 'Draft'
            """, new { key = definition.Key, version, name = definition.Name, canonical = TemplateJson.Serialize(definition), now = scope.Now, actor });
        return Drafted(scope, "DraftReplaced", definition, version, owner);
    }

    static TemplateVersionRef Drafted(CommandScope scope, string action, TemplateDefinition definition, int version, OwnerUnit? owner)
    {
        scope.Journal(new JournalDraft(JournalStreams.Template(definition.Key), action, $"{definition.Key}@{version}", TemplatePayload.Of(definition, owner?.Code)));
        return new TemplateVersionRef(definition.Key, version, TemplateStatus.Draft);
    }

    static TemplateDefinition ReadStored(string key, int version, string json)
    {
        using var document = JsonDocument.Parse(json);
        var parsed = TemplateParser.Parse(document.RootElement);
        return parsed.Definition ?? throw new InvalidOperationException(
            $"Stored template {key}@{version} no longer passes the parser: {string.Join("; ", parsed.Errors.Select(e => $"{e.Field} {e.Message}"))}");
    }

    static TemplateVersion ToVersion(VersionRow r) => new(
        r.TemplateKey, r.Version, Enum.Parse<TemplateStatus>(r.Status), r.CreatedAt, r.CreatedBy, r.UpdatedAt, r.UpdatedBy,
        r.PublishedAt, r.PublishedBy, ReadStored(r.TemplateKey, r.Version, r.Definition), r.OwnerScopeCode);

    sealed record VersionRow(
        string TemplateKey, int Version, string Status, string Definition, DateTimeOffset CreatedAt, string CreatedBy,
        DateTimeOffset UpdatedAt, string UpdatedBy, DateTimeOffset? PublishedAt, string? PublishedBy, string? OwnerScopeCode);

    sealed record StoredVersion(int Version, string Status, long? OwnerUnitId, string? OwnerCode, string? OwnerPath);

    sealed record UnitRow(long Id, string Code, string Path, string Kind);

    /// <summary>The org unit a template belongs to.</summary>
    sealed record OwnerUnit(long Id, string Code, string Path);

    // a class with setters: Dapper matches an int[] column to a constructor parameter only as System.Array
    sealed class SummaryRow
    {
        public string TemplateKey { get; init; } = "";
        public string Name { get; init; } = "";
        public int LatestVersion { get; init; }
        public string Status { get; init; } = "";
        public int[] PublishedVersions { get; init; } = [];
        public string? OwnerScopeCode { get; init; }
    }
}
