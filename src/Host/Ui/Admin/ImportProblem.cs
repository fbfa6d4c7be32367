using System.Globalization;
using System.Text.RegularExpressions;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Organisation;

namespace CommunityWorkflows.Host.Ui.Admin;

/// <summary>One bad row of an org import as the page lists it: its line in the file (or item in a JSON array), field and message.</summary>
public sealed partial record ImportProblem(int? Line, int? Item, string? Field, string? Code, string Message)
{
    /// <summary>
    /// The engine's violations, each at <c>/{row index}/{field}</c> (a CSV header at <c>/header/{column}</c>), placed on
    /// the file's line: a CSV row knows its line, a JSON row its position, and a message may name its line itself.
    /// </summary>
    public static IReadOnlyList<ImportProblem> From(RuleViolationException violation, IReadOnlyList<OrgUnitImportRow>? rows) =>
        violation.Errors.Select(e => From(e, rows)).ToList();

    static ImportProblem From(FieldError error, IReadOnlyList<OrgUnitImportRow>? rows)
    {
        var parts = error.Field.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var named = LineInMessage().Match(error.Message);
        var message = named.Success ? error.Message[named.Length..] : error.Message;
        int? line = named.Success ? int.Parse(named.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        if (parts.Length > 0 && parts[0] == "header")
            return new(line ?? 1, null, parts.ElementAtOrDefault(1), null, message);
        int? index = parts.Length > 0 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;
        var row = index is { } at && rows is not null && at < rows.Count ? rows[at] : null;
        return new(line ?? row?.Line, row?.Line is null && index is { } n ? n + 1 : null, parts.ElementAtOrDefault(1), row?.Code, message);
    }

    [GeneratedRegex(@"^Line (\d+): ")]
    private static partial Regex LineInMessage();
}
