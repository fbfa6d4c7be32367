using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CommunityWorkflows.Domain.Definitions;

/// <summary>
/// Writes a <see cref="TemplateDefinition"/> as the JSON <see cref="TemplateParser"/> reads, with every default
/// spelled out, so that a stored version means the same thing whatever the defaults of later releases.
/// </summary>
public static class TemplateJson
{
    static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    static readonly JsonSerializerOptions Frozen = new(JsonSerializerDefaults.Web)
    {
        Converters = { new RuleConverter<DueRule>(DueRule.Parse), new RuleConverter<OpeningRule>(OpeningRule.Parse) },
    };

    /// <summary>
    /// Reads back what <see cref="Serialize"/> wrote, as it was written — without today's validation rules:
    /// a running cycle's definition must keep working even if a later release makes the parser stricter.
    /// </summary>
    public static TemplateDefinition ReadFrozen(string json) =>
        JsonSerializer.Deserialize<TemplateDefinition>(json, Frozen) ?? throw new JsonException("The stored definition is empty.");

    sealed class RuleConverter<T>(Func<string?, T?> parse) : System.Text.Json.Serialization.JsonConverter<T> where T : class
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            parse(reader.GetString()) ?? throw new JsonException($"'{reader.GetString()}' is not a {typeof(T).Name}.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }

    public static string Serialize(TemplateDefinition template)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            WriteMembers(writer, template);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The template's members into an object the caller has opened (and may add its own members to).</summary>
    public static void WriteMembers(Utf8JsonWriter w, TemplateDefinition t)
    {
        w.WriteString("key", t.Key);
        w.WriteString("name", t.Name);
        if (t.Description is not null) w.WriteString("description", t.Description);
        w.WriteStartObject("participants");
        w.WriteString("kind", t.Participants.Kind);
        w.WriteEndObject();
        WriteReminders(w, t.Reminders);
        WriteEscalation(w, t.Escalation);
        w.WriteStartArray("stages");
        foreach (var stage in t.Stages) WriteStage(w, stage);
        w.WriteEndArray();
        w.WriteStartArray("indicators");
        foreach (var i in t.Indicators)
        {
            w.WriteStartObject();
            w.WriteString("code", i.Code);
            w.WriteString("name", i.Name);
            w.WriteNumber("maxScore", i.MaxScore);
            w.WriteNumber("weight", i.Weight);
            w.WriteBoolean("veto", i.Veto);
            w.WriteBoolean("bonus", i.Bonus);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (t.Grading is { } g) WriteGrading(w, g);
    }

    static void WriteStage(Utf8JsonWriter w, StageDefinition s)
    {
        w.WriteStartObject();
        w.WriteString("key", s.Key);
        w.WriteString("name", s.Name);
        w.WriteString("opensOn", s.OpensOn.ToString());
        w.WriteString("due", s.Due.ToString());
        if (s.Reminders is not null) WriteReminders(w, s.Reminders);
        if (s.Escalation is not null) WriteEscalation(w, s.Escalation);
        w.WriteStartArray("tasks");
        foreach (var task in s.Tasks) WriteTask(w, task);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    static void WriteTask(Utf8JsonWriter w, TaskDefinition t)
    {
        w.WriteStartObject();
        w.WriteString("key", t.Key);
        w.WriteString("title", t.Title);
        if (t.Description is not null) w.WriteString("description", t.Description);
        w.WriteString("assignee", t.Assignee);
        if (t.Reviewer is not null) w.WriteString("reviewer", t.Reviewer);
        w.WriteBoolean("gate", t.Gate);
        w.WriteBoolean("evidenceRequired", t.EvidenceRequired);
        w.WriteStartArray("after");
        foreach (var a in t.After) w.WriteStringValue(a);
        w.WriteEndArray();
        w.WriteStartArray("form");
        foreach (var f in t.Form) WriteField(w, f);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    static void WriteField(Utf8JsonWriter w, FormField f)
    {
        w.WriteStartObject();
        w.WriteString("key", f.Key);
        w.WriteString("label", f.Label);
        w.WriteString("type", f.Type);
        w.WriteBoolean("required", f.Required);
        if (f.Options is not null)
        {
            w.WriteStartArray("options");
            foreach (var o in f.Options) w.WriteStringValue(o);
            w.WriteEndArray();
        }
        if (f.MaxLength is { } maxLength) w.WriteNumber("maxLength", maxLength);
        if (f.Min is { } min) w.WriteNumber("min", min);
        if (f.Max is { } max) w.WriteNumber("max", max);
        w.WriteEndObject();
    }

    static void WriteReminders(Utf8JsonWriter w, ReminderRule r)
    {
        w.WriteStartObject("reminders");
        w.WriteStartArray("daysBefore");
        foreach (var d in r.DaysBefore) w.WriteNumberValue(d);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    static void WriteEscalation(Utf8JsonWriter w, IReadOnlyList<EscalationStep> steps)
    {
        w.WriteStartArray("escalation");
        foreach (var step in steps)
        {
            w.WriteStartObject();
            w.WriteNumber("afterWorkdays", step.AfterWorkdays);
            w.WriteString("to", step.To);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    static void WriteGrading(Utf8JsonWriter w, GradingRule g)
    {
        w.WriteStartObject("grading");
        w.WriteNumber("ratingShare", g.RatingShare);
        w.WriteStartObject("ratingWeights");
        w.WriteNumber("excellent", g.RatingWeights.Excellent);
        w.WriteNumber("good", g.RatingWeights.Good);
        w.WriteNumber("fair", g.RatingWeights.Fair);
        w.WriteNumber("poor", g.RatingWeights.Poor);
        w.WriteEndObject();
        w.WriteNumber("bonusCap", g.BonusCap);
        w.WriteStartObject("thresholds");
        w.WriteNumber("excellent", g.Thresholds.Excellent);
        w.WriteNumber("good", g.Thresholds.Good);
        w.WriteNumber("fair", g.Thresholds.Fair);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
