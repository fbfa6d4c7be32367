using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// Holds a JSON body to the contract of the type an endpoint binds it to, before the endpoint runs, and names
/// every departure by JSON pointer at once: a property the type does not have (a misspelt key must never read
/// as an absent field, which a PUT would take as "set to nothing"), one given twice in two letter cases, a required property left out, and a value
/// of the wrong JSON type or out of the type's range (<c>1e400</c> for a year).
/// </summary>
static class BodyContract
{
    const int MaxDepth = 64;

    public static IReadOnlyList<FieldError> Check(JsonElement body, Type type, JsonSerializerOptions options)
    {
        var errors = new List<FieldError>();
        Value(body, type, "", options, errors, 0);
        return errors;
    }

    /// <summary>The types whose bodies are read by their own parser (templates, cadences, minutes): any JSON passes here.</summary>
    public static bool IsFreeForm(Type type) =>
        type == typeof(JsonElement) || type == typeof(JsonElement?) || typeof(JsonNode).IsAssignableFrom(type) || type == typeof(object);

    static void Value(JsonElement value, Type type, string pointer, JsonSerializerOptions options, List<FieldError> errors, int depth)
    {
        if (depth > MaxDepth || IsFreeForm(type)) return;
        var underlying = Nullable.GetUnderlyingType(type);
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (underlying is null && type.IsValueType)
                errors.Add(new FieldError(PointerOrRoot(pointer), Say.Text("A value is expected, not null.", "此处须有值，不能为 null。")));
            return;
        }
        type = underlying ?? type;
        if (Scalar(value, type) is { } problem)
        {
            errors.Add(new FieldError(PointerOrRoot(pointer), problem));
            return;
        }
        if (type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(decimal)) return;

        var info = options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when value.ValueKind != JsonValueKind.Object:
                errors.Add(new FieldError(PointerOrRoot(pointer), Say.Text($"An object is expected, found {Found(value)}.", $"此处应为对象，实际为 {Found(value)}。")));
                break;
            case JsonTypeInfoKind.Object:
                Members(value, info, pointer, options, errors, depth);
                break;
            case JsonTypeInfoKind.Enumerable when value.ValueKind != JsonValueKind.Array:
                errors.Add(new FieldError(PointerOrRoot(pointer), Say.Text($"An array is expected, found {Found(value)}.", $"此处应为数组，实际为 {Found(value)}。")));
                break;
            case JsonTypeInfoKind.Enumerable:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                    Value(item, info.ElementType!, $"{pointer}/{index++}", options, errors, depth + 1);
                break;
            case JsonTypeInfoKind.Dictionary when value.ValueKind != JsonValueKind.Object:
                errors.Add(new FieldError(PointerOrRoot(pointer), Say.Text($"An object is expected, found {Found(value)}.", $"此处应为对象，实际为 {Found(value)}。")));
                break;
            case JsonTypeInfoKind.Dictionary:
                foreach (var member in value.EnumerateObject())
                    Value(member.Value, info.ElementType!, $"{pointer}/{Escape(member.Name)}", options, errors, depth + 1);
                break;
        }
    }

    static void Members(JsonElement value, JsonTypeInfo info, string pointer, JsonSerializerOptions options, List<FieldError> errors, int depth)
    {
        var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var known = info.Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null).ToList();
        var given = new HashSet<JsonPropertyInfo>();
        foreach (var member in value.EnumerateObject())
        {
            var property = known.FirstOrDefault(p => string.Equals(p.Name, member.Name, comparison));
            var at = $"{pointer}/{Escape(member.Name)}";
            if (property is null)
                errors.Add(new FieldError(at, known.Count == 0
                    ? Say.Text($"Unknown property '{member.Name}'; this object takes no properties.", $"未知属性“{member.Name}”：该对象不接受任何属性。")
                    : Say.Text($"Unknown property '{member.Name}'; expected {string.Join(", ", known.Select(p => p.Name))}.", $"未知属性“{member.Name}”，应为以下之一：{string.Join(", ", known.Select(p => p.Name))}。")));
            else if (!given.Add(property))
                // the reader takes the later silently ({"username": "x", "Username": null} would clear a secretary)
                errors.Add(new FieldError(at, Say.Text($"'{property.Name}' is given twice in one object (names are read in any letter case).", $"同一对象中“{property.Name}”出现两次（属性名不区分大小写）。")));
            else
                Value(member.Value, property.PropertyType, at, options, errors, depth + 1);
        }
        // only a member whose absence the endpoint could not tell from null; the rules report the others, all at once
        foreach (var property in known.Where(p => p.IsRequired))
            if (!value.EnumerateObject().Any(m => string.Equals(m.Name, property.Name, comparison)))
                errors.Add(new FieldError($"{pointer}/{Escape(property.Name)}", Say.Text($"'{property.Name}' is required.", $"“{property.Name}”为必填项。")));
    }

    /// <summary>The fault of a value of a scalar type, or null when it fits (or the type is not a scalar).</summary>
    static string? Scalar(JsonElement value, Type type)
    {
        if (type == typeof(string))
            return value.ValueKind == JsonValueKind.String ? null : Say.Text($"A string is expected, found {Found(value)}.", $"此处应为文本，实际为 {Found(value)}。");
        if (type == typeof(bool))
            return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : Say.Text($"true or false is expected, found {Found(value)}.", $"此处应为 true 或 false，实际为 {Found(value)}。");
        if (type.IsEnum)
            // one name, in any letter case: the reader would also take "1", " Alpha" and "Alpha, Beta"
            return value.ValueKind == JsonValueKind.String && EnumNames(type).Contains(value.GetString(), StringComparer.OrdinalIgnoreCase)
                ? null : $"One of {string.Join(", ", EnumNames(type))} is expected, found {Found(value)}.";
        if (Integers.TryGetValue(type, out var range))
            return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n >= range.Min && n <= range.Max
                ? null : $"A whole number from {range.Min.ToString(CultureInfo.InvariantCulture)} to {range.Max.ToString(CultureInfo.InvariantCulture)} is expected, found {Found(value)}.";
        if (type == typeof(decimal))
            return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out _) ? null : Say.Text($"A number is expected, found {Found(value)}.", $"此处应为数字，实际为 {Found(value)}。");
        if (type == typeof(double) || type == typeof(float))
            return value.ValueKind == JsonValueKind.Number && double.IsFinite(value.GetDouble()) ? null : Say.Text($"A number is expected, found {Found(value)}.", $"此处应为数字，实际为 {Found(value)}。");
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
            // as the reader takes it (ISO 8601 only), or a body this check passed would fail there
            return (type == typeof(DateTimeOffset) ? ChinaTimeJsonConverter.CanRead(value) : value.ValueKind == JsonValueKind.String && value.TryGetDateTime(out _))
                ? null : Say.Text($"An instant is expected (ISO 8601, e.g. 2026-06-30T17:00:00+08:00), found {Found(value)}.", $"此处应为时间（ISO 8601 格式，如 2026-06-30T17:00:00+08:00），实际为 {Found(value)}。");
        if (type == typeof(DateOnly))
            return value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? null : Say.Text($"A date is expected (YYYY-MM-DD), found {Found(value)}.", $"此处应为日期（YYYY-MM-DD），实际为 {Found(value)}。");
        return null;
    }

    static IEnumerable<string> EnumNames(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

    static readonly Dictionary<Type, (long Min, long Max)> Integers = new()
    {
        [typeof(int)] = (int.MinValue, int.MaxValue),
        [typeof(long)] = (long.MinValue, long.MaxValue),
        [typeof(short)] = (short.MinValue, short.MaxValue),
        [typeof(byte)] = (byte.MinValue, byte.MaxValue),
    };

    static string Found(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Say.Text("a string", "文本"),
        JsonValueKind.Number => Say.Text($"the number {Shorten(value.GetRawText())}", $"数字 {Shorten(value.GetRawText())}"),
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => Say.Text("an array", "数组"),
        JsonValueKind.Object => Say.Text("an object", "对象"),
        JsonValueKind.Null => "null",
        _ => Say.Text("nothing", "空"),
    };

    static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    static string PointerOrRoot(string pointer) => pointer.Length == 0 ? "/" : pointer;

    static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
