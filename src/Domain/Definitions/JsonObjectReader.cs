using System.Text.Json;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Definitions;

/// <summary>
/// Reads the members of one JSON object at a JSON pointer, adding a <see cref="FieldError"/> for every member
/// that is unknown, repeated, missing or of the wrong JSON type instead of throwing, so that a parser can go
/// on and report everything wrong with a document at once. A member whose value is <c>null</c> counts as absent.
/// Every string read is held to <see cref="PlainText"/>: one line unless the member is read as multi-line text.
/// </summary>
sealed class JsonObjectReader
{
    readonly JsonElement element;
    readonly List<FieldError> errors;

    JsonObjectReader(JsonElement element, string pointer, List<FieldError> errors)
    {
        this.element = element;
        Pointer = pointer;
        this.errors = errors;
    }

    public string Pointer { get; }

    /// <summary>A reader over <paramref name="element"/>, or null (with an error) when it is not an object.</summary>
    public static JsonObjectReader? Open(JsonElement element, string pointer, List<FieldError> errors, params string[] members)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(pointer, Say.Text($"Expected an object, found {Describe(element)}.", $"此处应为对象，实际为 {Describe(element)}。")));
            return null;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var at = $"{pointer}/{EscapePointer(property.Name)}";
            if (!members.Contains(property.Name, StringComparer.Ordinal))
                errors.Add(new FieldError(at, Say.Text($"Unknown property '{property.Name}'; expected {string.Join(", ", members)}.", $"未知属性“{property.Name}”，应为以下之一：{string.Join(", ", members)}。")));
            else if (!seen.Add(property.Name))
                errors.Add(new FieldError(at, Say.Text($"Property '{property.Name}' appears more than once.", $"属性“{property.Name}”重复出现。")));
        }
        return new JsonObjectReader(element, pointer, errors);
    }

    public string At(string member) => $"{Pointer}/{EscapePointer(member)}";

    public void Error(string member, string message) => errors.Add(new FieldError(At(member), message));

    public JsonElement? Value(string member, bool required)
    {
        if (element.TryGetProperty(member, out var value) && value.ValueKind != JsonValueKind.Null)
            return value;
        if (required)
            Error(member, Say.Text($"'{member}' is required.", $"“{member}”为必填项。"));
        return null;
    }

    public string? String(string member, bool required = false, int maxLength = int.MaxValue, bool multiline = false)
    {
        if (Value(member, required) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            WrongType(member, Say.Text("a string", "文本"), value);
            return null;
        }
        var text = value.GetString()!;
        if (PlainText.Problem(text, multiline) is { } problem)
        {
            Error(member, problem);
            return null;
        }
        if (required && string.IsNullOrWhiteSpace(text))
        {
            Error(member, Say.Text($"'{member}' cannot be empty.", $"“{member}”不能为空。"));
            return null;
        }
        if (text.Length > maxLength)
        {
            Error(member, Say.Text($"'{member}' is longer than {maxLength} characters.", $"“{member}”超过 {maxLength} 个字符。"));
            return null;
        }
        return text;
    }

    public int? Integer(string member, bool required = false)
    {
        if (Value(member, required) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Number)
        {
            WrongType(member, Say.Text("a whole number", "整数"), value);
            return null;
        }
        if (!value.TryGetInt32(out var number))
        {
            Error(member, Say.Text($"'{member}' must be a whole number, not {value.GetRawText()}.", $"“{member}”须为整数，不能为 {value.GetRawText()}。"));
            return null;
        }
        return number;
    }

    public decimal? Decimal(string member, bool required = false)
    {
        if (Value(member, required) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Number)
        {
            WrongType(member, Say.Text("a number", "数字"), value);
            return null;
        }
        if (!value.TryGetDecimal(out var number))
        {
            Error(member, Say.Text($"'{member}' is out of range.", $"“{member}”超出范围。"));
            return null;
        }
        return number;
    }

    public bool? Boolean(string member, bool required = false)
    {
        if (Value(member, required) is not { } value) return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => WrongType(member, Say.Text("true or false", "true 或 false"), value),
        };
    }

    /// <summary>The items of an array member, each with its pointer; empty (with an error) when the member is not an array.</summary>
    public IReadOnlyList<(JsonElement Item, string Pointer)>? Array(string member, bool required = false)
    {
        if (Value(member, required) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(member, Say.Text($"'{member}' must be an array, not {Describe(value)}.", $"“{member}”须为数组，不能为{Describe(value)}。"));
            return null;
        }
        return value.EnumerateArray().Select((item, i) => (item, $"{At(member)}/{i}")).ToList();
    }

    public JsonObjectReader? Object(string member, bool required, params string[] members) =>
        Value(member, required) is { } value ? Open(value, At(member), errors, members) : null;

    /// <summary>An array of strings; items of another type are reported and left out, text <see cref="PlainText"/> refuses is reported.</summary>
    public IReadOnlyList<(string Value, string Pointer)>? Strings(string member, bool multiline = false)
    {
        if (Array(member) is not { } items) return null;
        var strings = new List<(string, string)>();
        foreach (var (item, at) in items)
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                errors.Add(new FieldError(at, Say.Text($"Expected a string, found {Describe(item)}.", $"此处应为文本，实际为 {Describe(item)}。")));
                continue;
            }
            var text = item.GetString()!;
            if (PlainText.Problem(text, multiline) is { } problem)
                errors.Add(new FieldError(at, problem));
            strings.Add((text, at));
        }
        return strings;
    }

    /// <summary>An array of whole numbers; items of another type are reported and left out.</summary>
    public IReadOnlyList<(int Value, string Pointer)>? Integers(string member, bool required = false)
    {
        if (Array(member, required) is not { } items) return null;
        var numbers = new List<(int, string)>();
        foreach (var (item, at) in items)
            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var n))
                numbers.Add((n, at));
            else
                errors.Add(new FieldError(at, Say.Text($"Expected a whole number, found {Describe(item)}.", $"此处应为整数，实际为 {Describe(item)}。")));
        return numbers;
    }

    bool? WrongType(string member, string expected, JsonElement value)
    {
        Error(member, Say.Text($"'{member}' must be {expected}, not {Describe(value)}.", $"“{member}”须为{expected}，不能为{Describe(value)}。"));
        return null;
    }

    static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => Say.Text("an object", "对象"),
        JsonValueKind.Array => Say.Text("an array", "数组"),
        JsonValueKind.String => Say.Text("a string", "文本"),
        JsonValueKind.Number => Say.Text("a number", "数字"),
        JsonValueKind.True or JsonValueKind.False => Say.Text("a boolean", "布尔值"),
        JsonValueKind.Null => "null",
        _ => Say.Text("nothing", "空"),
    };

    /// <summary>RFC 6901: '~' becomes '~0' and '/' becomes '~1' inside a pointer's segment.</summary>
    public static string EscapePointer(string segment) => segment.Replace("~", "~0").Replace("/", "~1");
}
