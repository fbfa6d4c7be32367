using System.Globalization;
using System.Text.Json;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Runtime;

/// <summary>Checks a submission's <c>data</c> against the task's form, naming every bad field as <c>/data/&lt;key&gt;</c>.</summary>
public static class FormValidation
{
    public const int DefaultMaxLength = 10_000;

    public static IReadOnlyList<FieldError> Check(IReadOnlyList<FormField> form, JsonElement? data)
    {
        var errors = new List<FieldError>();
        if (data is { } d && d.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
            return [new FieldError("/data", Say.Text("data must be an object of the form's fields.", "表单数据须为由表单字段组成的对象。"))];
        var values = data is { ValueKind: JsonValueKind.Object } o
            ? o.EnumerateObject().ToDictionary(p => p.Name, p => p.Value)
            : [];
        foreach (var unknown in values.Keys.Where(k => form.All(f => f.Key != k)))
            errors.Add(new FieldError($"/data/{unknown}", Say.Text($"The form has no field '{unknown}'.", $"表单中没有字段“{unknown}”。")));
        foreach (var field in form)
        {
            var at = $"/data/{field.Key}";
            if (!values.TryGetValue(field.Key, out var value) || value.ValueKind == JsonValueKind.Null || value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString()))
            {
                if (field.Required) errors.Add(new FieldError(at, Say.Text($"{field.Label} is required.", $"{field.Label}为必填项。")));
                continue;
            }
            if (CheckValue(field, value) is { } problem)
                errors.Add(new FieldError(at, problem));
        }
        return errors;
    }

    static string? CheckValue(FormField field, JsonElement value) => field.Type switch
    {
        "text" => value.ValueKind != JsonValueKind.String ? $"{field.Label} must be text."
            : value.GetString()!.Length > (field.MaxLength ?? DefaultMaxLength) ? $"{field.Label} must be at most {field.MaxLength ?? DefaultMaxLength} characters." : null,
        "number" or "integer" => CheckNumber(field, value),
        "date" => value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null : $"{field.Label} must be a date (YYYY-MM-DD).",
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"{field.Label} must be true or false.",
        "choice" => value.ValueKind == JsonValueKind.String && (field.Options ?? []).Contains(value.GetString()!)
            ? null : $"{field.Label} must be one of: {string.Join(", ", field.Options ?? [])}.",
        _ => $"{field.Label} has an unknown type '{field.Type}'.",
    };

    static string? CheckNumber(FormField field, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var n))
            return $"{field.Label} must be a number.";
        if (field.Type == "integer" && n != decimal.Truncate(n)) return $"{field.Label} must be a whole number.";
        if (n < field.Min) return $"{field.Label} must be at least {field.Min}.";
        if (n > field.Max) return $"{field.Label} must be at most {field.Max}.";
        return null;
    }
}
