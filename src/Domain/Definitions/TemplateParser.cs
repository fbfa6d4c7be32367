using System.Text.Json;
using System.Text.RegularExpressions;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Definitions;

/// <summary>
/// Turns a template's JSON (camelCase, see docs/templates.md) into a <see cref="TemplateDefinition"/>, with the
/// defaults filled in. Every problem is reported as a <see cref="FieldError"/> whose field is a JSON pointer
/// (<c>/stages/1/tasks/0/assignee</c>); parsing never stops at the first problem and never throws on bad input.
/// </summary>
public sealed partial class TemplateParser
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4000;

    /// <summary>A key that would shadow <c>GET /api/templates/schema</c>.</summary>
    public const string ReservedKey = "schema";

    /// <summary>Reminders when a template names none: 7 days and 1 day before a task is due.</summary>
    public static readonly ReminderRule DefaultReminders = new([7, 1]);

    /// <summary>Escalation when a template names none: overdue +1 workday → the direct, +5 → the first responsible person.</summary>
    public static readonly IReadOnlyList<EscalationStep> DefaultEscalation =
        [new(1, ParticipantRoles.DirectResponsible), new(5, ParticipantRoles.FirstResponsible)];

    public static readonly IReadOnlyList<string> ParticipantKinds = ["Street", "Community"];

    static readonly string[] Members = ["key", "name", "description", "participants", "reminders", "escalation", "stages", "indicators", "grading", "ownerScopeCode"];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex KeyPattern();

    /// <summary>Stage, task and form-field keys: a letter, then letters, digits, '_' or '-'.</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();

    readonly List<FieldError> errors = [];

    /// <summary>The owner the body names, read beside the definition and never part of it (see <see cref="TemplateParseResult"/>).</summary>
    string? ownerScopeCode;

    TemplateParser() { }

    public static TemplateParseResult Parse(JsonElement root)
    {
        var parser = new TemplateParser();
        var definition = parser.Template(root);
        return parser.errors.Count == 0 && definition is not null
            ? new TemplateParseResult(definition, [], parser.ownerScopeCode)
            : new TemplateParseResult(null, parser.errors, parser.ownerScopeCode);
    }

    /// <summary>The definition, or a <see cref="RuleViolationException"/> naming every problem.</summary>
    public static TemplateDefinition ParseValid(JsonElement root)
    {
        var result = Parse(root);
        return result.Definition ?? throw new RuleViolationException(result.Errors, Say.Text("The template breaks one or more rules.", "模板不符合规则。"));
    }

    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key) && key != ReservedKey;

    TemplateDefinition? Template(JsonElement root)
    {
        var r = JsonObjectReader.Open(root, "", errors, Members);
        if (r is null) return null;
        var key = r.String("key", required: true);
        if (key is not null && !IsValidKey(key))
            r.Error("key", key == ReservedKey
                ? Say.Text($"'{ReservedKey}' is reserved.", $"“{ReservedKey}”为保留标识。")
                : Say.Text("A key is 2–64 characters: lower-case letters, digits and '-', not starting with '-'.", "标识须为 2 至 64 个字符：只能使用小写字母、数字和“-”，且不能以“-”开头。"));
        ownerScopeCode = OwnerScopeCode(r);
        var name = r.String("name", required: true, MaxNameLength)?.Trim();
        var description = Description(r);
        var participants = Participants(r);
        var reminders = Reminders(r) ?? DefaultReminders;
        var escalation = Escalation(r) ?? DefaultEscalation;
        var stages = Stages(r, participants?.Kind);
        var indicators = Indicators(r);
        var grading = Grading(r);
        return new TemplateDefinition(key ?? "", name ?? "", description, participants ?? new ParticipantRule(""),
            reminders, escalation, stages, indicators, grading);
    }

    static string? OwnerScopeCode(JsonObjectReader r)
    {
        var code = r.String("ownerScopeCode");
        if (code is null || OrgImportValidator.IsValidCode(code)) return code;
        r.Error("ownerScopeCode", Say.Text($"'{code}' is not an org unit code: 1–64 letters, digits, '_', '.' or '-', starting with a letter or digit.", $"“{code}”不是有效的组织单位编码：须为 1 至 64 个字母、数字、“_”、“.”或“-”，并以字母或数字开头。"));
        return null;
    }

    static string? Description(JsonObjectReader r) =>
        r.String("description", maxLength: MaxDescriptionLength, multiline: true)?.Trim() is { Length: > 0 } text ? text : null;

    ParticipantRule? Participants(JsonObjectReader template)
    {
        var r = template.Object("participants", required: true, "kind");
        if (r?.String("kind", required: true) is not { } kind) return null;
        if (ParticipantKinds.Contains(kind, StringComparer.Ordinal)) return new ParticipantRule(kind);
        r.Error("kind", Say.Text($"Unknown participant kind '{kind}'; expected {string.Join(" or ", ParticipantKinds)}.", $"未知参与单位类型“{kind}”，应为 {string.Join(" 或 ", ParticipantKinds)}。"));
        return null;
    }

    /// <summary>A stage, task or form-field key; null (with an error) when missing or malformed.</summary>
    static string? Name(JsonObjectReader r, string member)
    {
        var name = r.String(member, required: true);
        if (name is null || NamePattern().IsMatch(name)) return name;
        r.Error(member, Say.Text($"'{name}' is not a valid {member}: a letter, then up to 63 letters, digits, '_' or '-'.", $"“{name}”不是有效的 {member}：须以字母开头，其后最多 63 个字母、数字、“_”或“-”。"));
        return null;
    }
}
