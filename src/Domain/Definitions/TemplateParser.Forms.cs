using System.Text.Json;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Definitions;

public sealed partial class TemplateParser
{
    public static readonly IReadOnlyList<string> FormFieldTypes = ["text", "number", "integer", "date", "boolean", "choice"];
    public const int MaxTextLength = 100_000;

    static readonly string[] FieldMembers = ["key", "label", "type", "required", "options", "maxLength", "min", "max"];

    IReadOnlyList<FormField> Form(JsonObjectReader task)
    {
        if (task.Array("form") is not { } items || !WithinLimit(task, "form", items, MaxFormFields, Say.Text("form fields", "表单字段"))) return [];
        var fields = new List<FormField>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, at) in items)
        {
            if (Field(item, at) is not { } field) continue;
            if (field.Key.Length > 0 && !keys.Add(field.Key))
                errors.Add(new($"{at}/key", Say.Text($"The form key '{field.Key}' is used more than once in this task.", $"表单字段标识“{field.Key}”在本任务中重复使用。")));
            fields.Add(field);
        }
        return fields;
    }

    FormField? Field(JsonElement item, string at)
    {
        var r = JsonObjectReader.Open(item, at, errors, FieldMembers);
        if (r is null) return null;
        var key = Name(r, "key");
        var label = r.String("label", required: true, MaxNameLength)?.Trim();
        var type = r.String("type", required: true);
        if (type is not null && !FormFieldTypes.Contains(type, StringComparer.Ordinal))
        {
            r.Error("type", Say.Text($"Unknown field type '{type}'; expected one of {string.Join(", ", FormFieldTypes)}.", $"未知字段类型“{type}”，应为以下之一：{string.Join(", ", FormFieldTypes)}。"));
            type = null;
        }
        var required = r.Boolean("required") ?? false;
        var options = Options(r, type);
        var maxLength = MaxLength(r, type);
        var (min, max) = Bounds(r, type);
        return new FormField(key ?? "", label ?? "", type ?? "", required, options, maxLength, min, max);
    }

    IReadOnlyList<string>? Options(JsonObjectReader field, string? type)
    {
        var options = field.Strings("options");
        if (type is null) return null;
        if (type != "choice")
        {
            if (options is not null) field.Error("options", Say.Text("Only a 'choice' field has options.", "只有“choice”字段才有选项。"));
            return null;
        }
        if (options is null || options.Count == 0)
        {
            field.Error("options", Say.Text("A 'choice' field needs at least one option.", "“choice”字段至少需要一个选项。"));
            return null;
        }
        if (!WithinLimit(field, "options", options, MaxOptions, Say.Text("options", "选项"))) return null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (option, at) in options)
            if (string.IsNullOrWhiteSpace(option))
                errors.Add(new(at, Say.Text("An option cannot be empty.", "选项不能为空。")));
            else if (option.Length > MaxNameLength)
                errors.Add(new(at, Say.Text($"An option is at most {MaxNameLength} characters.", $"选项不能超过 {MaxNameLength} 个字符。")));
            else if (!seen.Add(option))
                errors.Add(new(at, Say.Text($"The option '{option}' is listed more than once.", $"选项“{option}”重复。")));
        return options.Select(o => o.Value).ToList();
    }

    static int? MaxLength(JsonObjectReader field, string? type)
    {
        var maxLength = field.Integer("maxLength");
        if (maxLength is null || type is null) return null;
        if (type != "text")
            field.Error("maxLength", Say.Text("Only a 'text' field has a maxLength.", "只有“text”字段才有 maxLength。"));
        else if (maxLength is < 1 or > MaxTextLength)
            field.Error("maxLength", Say.Text($"maxLength is 1 to {MaxTextLength}.", $"maxLength 须在 1 至 {MaxTextLength} 之间。"));
        return maxLength;
    }

    static (decimal? Min, decimal? Max) Bounds(JsonObjectReader field, string? type)
    {
        var (min, max) = (field.Decimal("min"), field.Decimal("max"));
        if (type is null) return (min, max);
        foreach (var (member, value) in new[] { ("min", min), ("max", max) })
        {
            if (value is null) continue;
            if (type is not ("number" or "integer"))
                field.Error(member, Say.Text($"Only a 'number' or 'integer' field has a {member}.", $"只有“number”或“integer”字段才有 {member}。"));
            else if (type == "integer" && value != decimal.Truncate(value.Value))
                field.Error(member, Say.Text($"The {member} of an 'integer' field must be a whole number.", $"“integer”字段的 {member} 须为整数。"));
        }
        if (min > max)
            field.Error("max", Say.Text($"max ({max}) is below min ({min}).", $"max（{max}）小于 min（{min}）。"));
        return (min, max);
    }
}
