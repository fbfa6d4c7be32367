using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows.Commands;
using CommunityWorkflows.Workflows.Journal;
using CommunityWorkflows.Workflows.Store;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommunityWorkflows.Workflows.Organisation;

/// <summary>
/// Merges an organisation import into the tree: all rows or none. Rows are validated against what is
/// stored (parents, ancestors, children), then written set-based in one transaction with one journal entry.
/// </summary>
public sealed class OrgImport(CommandRunner commands, ILogger<OrgImport> logger)
{
    const int ShownHolders = 5; // a refused kind change names this many holders of each role, then counts the rest
    /// <summary>
    /// "OrgImprt": imports run one at a time so no two can build a cycle together; role grants hold it shared, so a
    /// kind change and a role placed on the old kind cannot both pass their checks.
    /// </summary>
    internal const long ImportLockKey = 0x4f726749_6d707274;

    public Task<OrgImportResult> ImportAsync(IReadOnlyList<OrgUnitImportRow> rows, Caller caller, CancellationToken ct) =>
        RunAsync(rows, caller, write: true, ct);

    /// <summary>
    /// The import's checks without its writes: every bad row refused as <see cref="ImportAsync"/> refuses it, or what the
    /// import would create, update and leave unchanged — so a person sees each bad row before anything is written.
    /// </summary>
    public Task<OrgImportResult> CheckAsync(IReadOnlyList<OrgUnitImportRow> rows, Caller caller, CancellationToken ct) =>
        RunAsync(rows, caller, write: false, ct);

    async Task<OrgImportResult> RunAsync(IReadOnlyList<OrgUnitImportRow> rows, Caller caller, bool write, CancellationToken ct)
    {
        if (!caller.Grants.Any(g => g.Role is Role.SystemAdmin or Role.DistrictAdmin))
            throw new ForbiddenException(Say.Text("Only a system administrator or a district administrator may import org units.", "只有系统管理员或区级管理员才能导入组织单位。"));
        if (rows.Count == 0)
            throw new RuleViolationException("", Say.Text("The import holds no rows.", "导入内容中没有任何数据行。"));

        var result = await commands.RunAsync(caller, scope => MergeAsync(scope, rows, caller, write), ct);
        if (write)
            logger.LogInformation("Org import by {User}: {Created} created, {Updated} updated, {Unchanged} unchanged",
                caller.Username, result.Created, result.Updated, result.Unchanged);
        return result;
    }

    /// <summary>Validates the rows against the stored tree under the import lock and, when <paramref name="write"/>, writes them.</summary>
    static async Task<OrgImportResult> MergeAsync(CommandScope scope, IReadOnlyList<OrgUnitImportRow> rows, Caller caller, bool write)
    {
        var (tx, ct) = (scope.Transaction, scope.Cancellation);
        await scope.ExecuteAsync($"select pg_advisory_xact_lock({ImportLockKey})");

        var stored = await LoadNeighbourhoodAsync(tx, rows, ct);
        var children = await LoadChildrenAsync(tx, rows, ct);
        var validator = new OrgImportValidator(stored, children, path => caller.Holds(path, Role.DistrictAdmin));
        var (units, rowErrors) = validator.Validate(rows);
        var errors = rowErrors.Concat(await StrandedRolesAsync(tx, rows, units, stored, ct)).OrderBy(e => e.Index).ToList();
        if (errors.Count > 0)
            throw new RuleViolationException(
                errors.Select(e => new FieldError(e.Pointer, e.Line is { } line ? Say.Text($"Line {line}: {e.Message}", $"第 {line} 行：{e.Message}") : e.Message)).ToList(),
                Say.Text($"{errors.Select(e => e.Index).Distinct().Count()} of {rows.Count} rows are invalid; nothing was imported.", $"{rows.Count} 行中有 {errors.Select(e => e.Index).Distinct().Count()} 行有误，未导入任何数据。"),
                new { rows = errors.Select(e => new { e.Index, e.Line, e.Code, e.Field, e.Message }) });

        var paths = units.ToDictionary(u => u.Code, u => validator.PathAfterImport(u.Code)!, StringComparer.Ordinal);
        var created = units.Where(u => !stored.ContainsKey(u.Code)).ToList();
        var updated = units.Where(u => stored.TryGetValue(u.Code, out var s) && Differs(s, u, paths[u.Code])).ToList();
        if (!write)
            return new OrgImportResult(created.Count, updated.Count, units.Count - created.Count - updated.Count); // nothing written
        var now = scope.Now;
        await InsertAsync(tx, created, paths, now, ct);
        await UpdateAsync(tx, updated, now, ct);
        await LinkParentsAsync(tx, created.Concat(updated).ToList(), ct);
        await MoveSubtreesAsync(tx, updated.Where(u => stored[u.Code].Path != paths[u.Code]).Select(u => (stored[u.Code].Path, paths[u.Code])).ToList(), ct);
        await RelineAsync(tx, SubtreeRoots(created.Concat(updated).Select(u => paths[u.Code])), ct);
        if (created.Count + updated.Count > 0)
            scope.Journal(new JournalDraft(JournalStreams.Organisation, "OrgUnitsImported", null,
                new { created = created.Select(u => u.Code), updated = updated.Select(u => u.Code) }));
        return new OrgImportResult(created.Count, updated.Count, units.Count - created.Count - updated.Count);
    }

    static bool Differs(StoredOrgUnit s, ValidOrgUnit u, string newPath) =>
        s.Name != u.Name || s.Kind != u.Kind || s.ParentCode != u.ParentCode || s.Path != newPath
        || s.PartyOrgLevel != u.PartyOrgLevel || s.MemberCount != u.MemberCount;

    /// <summary>
    /// A unit the import gives another kind must not keep roles the new kind cannot hold (a StreetOfficer on
    /// what becomes a community): the roles on every such unit, in one query, refused on the row's <c>kind</c>.
    /// </summary>
    static async Task<List<ImportRowError>> StrandedRolesAsync(NpgsqlTransaction tx, IReadOnlyList<OrgUnitImportRow> rows,
        IReadOnlyList<ValidOrgUnit> units, Dictionary<string, StoredOrgUnit> stored, CancellationToken ct)
    {
        var rekinded = units.Where(u => stored.TryGetValue(u.Code, out var s) && s.Kind != u.Kind).ToDictionary(u => u.Code, StringComparer.Ordinal);
        if (rekinded.Count == 0) return [];
        var held = await tx.Connection!.QueryAsync<HeldRole>(new CommandDefinition(
            """
            select u.code, r.role, count(*)::int as holders,
                   array_to_string((array_agg(a.username order by a.username))[1:@shown], ', ') as usernames
            from user_role r join org_unit u on u.id = r.org_unit_id join app_user a on a.id = r.user_id
            where u.code = any(@codes)
            group by u.code, r.role
            order by u.code, r.role
            """, new { codes = rekinded.Keys.ToArray(), shown = ShownHolders }, tx, cancellationToken: ct));
        var errors = new List<ImportRowError>();
        foreach (var unit in held.GroupBy(h => h.Code))
        {
            var kind = rekinded[unit.Key].Kind;
            var misfits = unit.Where(h => !RolePlacement.AllowedAt(Enum.Parse<Role>(h.Role)).Contains(kind)).ToList();
            if (misfits.Count == 0) continue;
            var row = rows.First(r => r.Code?.Trim() == unit.Key);
            var roles = string.Join("; ", misfits.Select(m => $"{m.Role} ({m.Usernames}{(m.Holders > ShownHolders ? $" and {m.Holders - ShownHolders} more" : "")})"));
            errors.Add(new(row.Index, row.Line, unit.Key, "kind",
                Say.Text($"Unit '{unit.Key}' cannot become a {kind} while it holds roles a {kind} cannot: {roles}. Move or remove those roles first.", $"单位“{unit.Key}”持有{Say.Name(kind.ToString())}不能持有的角色，不能改为{Say.Name(kind.ToString())}：{roles}。请先调整或删除这些角色。")));
        }
        return errors;
    }

    /// <summary>The stored units the rows name (themselves and their parents) and every ancestor of those.</summary>
    static async Task<Dictionary<string, StoredOrgUnit>> LoadNeighbourhoodAsync(NpgsqlTransaction tx, IReadOnlyList<OrgUnitImportRow> rows, CancellationToken ct)
    {
        var named = rows.SelectMany(r => new[] { r.Code?.Trim(), r.ParentCode?.Trim() }).OfType<string>().Where(c => c.Length > 0).Distinct().ToArray();
        var found = await LoadAsync(tx, "u.code = any(@codes)", named, ct);
        var ancestors = found.SelectMany(u => u.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)).Except(found.Select(u => u.Code)).Distinct().ToArray();
        found.AddRange(await LoadAsync(tx, "u.code = any(@codes)", ancestors, ct));
        return found.ToDictionary(u => u.Code, StringComparer.Ordinal);
    }

    static async Task<List<StoredOrgUnit>> LoadChildrenAsync(NpgsqlTransaction tx, IReadOnlyList<OrgUnitImportRow> rows, CancellationToken ct) =>
        await LoadAsync(tx, "p.code = any(@codes)", rows.Select(r => r.Code?.Trim()).OfType<string>().Distinct().ToArray(), ct);

    static async Task<List<StoredOrgUnit>> LoadAsync(NpgsqlTransaction tx, string where, string[] codes, CancellationToken ct)
    {
        if (codes.Length == 0) return [];
        var rows = await tx.Connection!.QueryAsync<StoredRow>(new CommandDefinition(
            $"""
            select u.code, u.name, u.kind, p.code as parent_code, u.path, u.party_org_level, u.member_count
            from org_unit u left join org_unit p on p.id = u.parent_id
            where {where}
            """, new { codes }, tx, cancellationToken: ct));
        return rows.Select(r => new StoredOrgUnit(r.Code, Enum.Parse<OrgUnitKind>(r.Kind), r.ParentCode, r.Path)
        {
            Name = r.Name,
            PartyOrgLevel = r.PartyOrgLevel is null ? null : Enum.Parse<PartyOrgLevel>(r.PartyOrgLevel),
            MemberCount = r.MemberCount,
        }).ToList();
    }

    static Task InsertAsync(NpgsqlTransaction tx, List<ValidOrgUnit> units, Dictionary<string, string> paths, DateTimeOffset now, CancellationToken ct) =>
        units.Count == 0 ? Task.CompletedTask : tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            insert into org_unit (code, name, kind, path, party_org_level, member_count, created_at, updated_at)
            select code, name, kind, path, level, members, @now, @now
            from unnest(@codes, @names, @kinds, @paths, @levels, @members) as t(code, name, kind, path, level, members)
            """, Columns(units, paths, now), tx, cancellationToken: ct));

    static Task UpdateAsync(NpgsqlTransaction tx, List<ValidOrgUnit> units, DateTimeOffset now, CancellationToken ct) =>
        units.Count == 0 ? Task.CompletedTask : tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            update org_unit u
            set name = t.name, kind = t.kind, party_org_level = t.level, member_count = t.members, updated_at = @now
            from unnest(@codes, @names, @kinds, @levels, @members) as t(code, name, kind, level, members)
            where u.code = t.code
            """, Columns(units, null, now), tx, cancellationToken: ct));

    static object Columns(List<ValidOrgUnit> units, Dictionary<string, string>? paths, DateTimeOffset now) => new
    {
        now,
        codes = units.Select(u => u.Code).ToArray(),
        names = units.Select(u => u.Name).ToArray(),
        kinds = units.Select(u => u.Kind.ToString()).ToArray(),
        paths = paths is null ? null : units.Select(u => paths[u.Code]).ToArray(),
        levels = units.Select(u => u.PartyOrgLevel?.ToString()).ToArray(),
        members = units.Select(u => u.MemberCount).ToArray(),
    };

    static Task LinkParentsAsync(NpgsqlTransaction tx, List<ValidOrgUnit> units, CancellationToken ct) =>
        units.Count == 0 ? Task.CompletedTask : tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            update org_unit u set parent_id = p.id
            from unnest(@codes, @parents) as t(code, parent)
            left join org_unit p on p.code = t.parent
            where u.code = t.code and u.parent_id is distinct from p.id
            """,
            new { codes = units.Select(u => u.Code).ToArray(), parents = units.Select(u => u.ParentCode).ToArray() }, tx, cancellationToken: ct));

    /// <summary>
    /// Rewrites the path of every unit under a moved one. A unit under several moved units (a move inside
    /// a move) takes the nearest: the longest old prefix it matches.
    /// </summary>
    static Task MoveSubtreesAsync(NpgsqlTransaction tx, List<(string OldPath, string NewPath)> moves, CancellationToken ct) =>
        moves.Count == 0 ? Task.CompletedTask : tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            update org_unit u set path = m.new_path || substr(u.path, length(m.old_path) + 1)
            from (
                select distinct on (d.id) d.id, m.old_path, m.new_path
                from unnest(@olds, @news, @likes) as m(old_path, new_path, old_like)
                join org_unit d on d.path like m.old_like
                order by d.id, length(m.old_path) desc
            ) m
            where u.id = m.id
            """,
            new
            {
                olds = moves.Select(m => m.OldPath).ToArray(),
                news = moves.Select(m => m.NewPath).ToArray(),
                likes = moves.Select(m => Like.Prefix(m.OldPath)).ToArray(),
            }, tx, cancellationToken: ct));

    /// <summary>The fewest paths whose subtrees cover all of <paramref name="paths"/>.</summary>
    static List<string> SubtreeRoots(IEnumerable<string> paths)
    {
        var roots = new List<string>();
        foreach (var path in paths.Distinct().OrderBy(p => p, StringComparer.Ordinal))
            if (roots.Count == 0 || !path.StartsWith(roots[^1], StringComparison.Ordinal))
                roots.Add(path);
        return roots;
    }

    /// <summary>
    /// Recomputes the line (ancestor ids, street, district) of every unit in the subtrees the import touched:
    /// each subtree root from its parent's line, then downwards child by child.
    /// </summary>
    static Task RelineAsync(NpgsqlTransaction tx, List<string> subtreeRoots, CancellationToken ct) =>
        subtreeRoots.Count == 0 ? Task.CompletedTask : tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            with recursive line (id, chain, street, district) as (
                select u.id, coalesce(p.chain, '{}') || u.id,
                       case when u.kind = 'Street' then u.id else p.street_id end,
                       case when u.kind = 'District' then u.id else p.district_id end
                from org_unit u left join org_unit p on p.id = u.parent_id
                where u.code = any(@roots)
                union all
                select c.id, l.chain || c.id,
                       case when c.kind = 'Street' then c.id else l.street end,
                       case when c.kind = 'District' then c.id else l.district end
                from line l join org_unit c on c.parent_id = l.id
            )
            update org_unit u set chain = l.chain, street_id = l.street, district_id = l.district
            from line l where u.id = l.id
            """,
            new { roots = subtreeRoots.Select(p => p.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1]).ToArray() },
            tx, cancellationToken: ct, commandTimeout: 600));

    sealed record HeldRole(string Code, string Role, int Holders, string Usernames);

    sealed record StoredRow(string Code, string Name, string Kind, string? ParentCode, string Path, string? PartyOrgLevel, int? MemberCount);
}
