using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommunityWorkflows.Domain.Definitions;

/// <summary>
/// The JSON form of a validated <see cref="TemplateDefinition"/>, as a cycle keeps it: camelCase, due and
/// opening rules as their text (<c>"06-30"</c>, <c>"+20 workdays"</c>, <c>"launch"</c>).
/// </summary>
public static class TemplateJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new DueRuleConverter(), new OpeningRuleConverter() },
    };

    public static string Serialize(TemplateDefinition definition) => JsonSerializer.Serialize(definition, Options);

    public static TemplateDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<TemplateDefinition>(json, Options) ?? throw new JsonException("Empty template definition.");

    sealed class DueRuleConverter : JsonConverter<DueRule>
    {
        public override DueRule Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DueRule.Parse(reader.GetString()) ?? throw new JsonException($"Not a due rule: {reader.GetString()}");

        public override void Write(Utf8JsonWriter writer, DueRule value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }

    sealed class OpeningRuleConverter : JsonConverter<OpeningRule>
    {
        public override OpeningRule Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            OpeningRule.Parse(reader.GetString()) ?? throw new JsonException($"Not an opening rule: {reader.GetString()}");

        public override void Write(Utf8JsonWriter writer, OpeningRule value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
