using System.Text.Json;

namespace CommunityWorkflows.Domain.Definitions;

public sealed partial class TemplateParser
{
    public static readonly IReadOnlyList<string> FormFieldTypes = ["text", "number", "integer", "date", "boolean", "choice"];
    public const int MaxTextLength = 100_000;

    static readonly string[] FieldMembers = ["key", "label", "type", "required", "options", "maxLength", "min", "max"];

    IReadOnlyList<FormField> Form(JsonObjectReader task)
    {
        if (task.Array("form") is not { } items || !WithinLimit(task, "form", items, MaxFormFields, "form fields")) return [];
        var fields = new List<FormField>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, at) in items)
        {
            if (Field(item, at) is not { } field) continue;
            if (field.Key.Length > 0 && !keys.Add(field.Key))
                errors.Add(new($"{at}/key", $"The form key '{field.Key}' is used more than once in this task."));
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
            r.Error("type", $"Unknown field type '{type}'; expected one of {string.Join(", ", FormFieldTypes)}.");
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
            if (options is not null) field.Error("options", "Only a 'choice' field has options.");
            return null;
        }
        if (options is null || options.Count == 0)
        {
            field.Error("options", "A 'choice' field needs at least one option.");
            return null;
        }
        if (!WithinLimit(field, "options", options, MaxOptions, "options")) return null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (option, at) in options)
            if (string.IsNullOrWhiteSpace(option))
                errors.Add(new(at, "An option cannot be empty."));
            else if (option.Length > MaxNameLength)
                errors.Add(new(at, $"An option is at most {MaxNameLength} characters."));
            else if (!seen.Add(option))
                errors.Add(new(at, $"The option '{option}' is listed more than once."));
        return options.Select(o => o.Value).ToList();
    }

    static int? MaxLength(JsonObjectReader field, string? type)
    {
        var maxLength = field.Integer("maxLength");
        if (maxLength is null || type is null) return null;
        if (type != "text")
            field.Error("maxLength", "Only a 'text' field has a maxLength.");
        else if (maxLength is < 1 or > MaxTextLength)
            field.Error("maxLength", $"maxLength is 1 to {MaxTextLength}.");
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
                field.Error(member, $"Only a 'number' or 'integer' field has a {member}.");
            else if (type == "integer" && value != decimal.Truncate(value.Value))
                field.Error(member, $"The {member} of an 'integer' field must be a whole number.");
        }
        if (min > max)
            field.Error("max", $"max ({max}) is below min ({min}).");
        return (min, max);
    }
}
