using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Meetings;
using CommunityWorkflows.Domain.Organisation;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Meetings;

/// <summary>A stored cadence, as the engine reads it.</summary>
sealed record CadenceRow(
    string Key, string Name, string AppliesTo, long? ScopeUnitId, string? ScopeCode, string? ScopePath, string Cron, string TimeZone,
    string Reminders, string Escalation, bool Enabled, bool Preset, DateTimeOffset? LastOccurrenceAt, DateTimeOffset UpdatedAt, string? UpdatedBy)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public const string Select = """
        select c.key, c.name, c.applies_to, c.scope_unit_id, s.code as scope_code, s.path as scope_path, c.cron, c.time_zone,
               to_json(c.reminders)::text as reminders, c.escalation::text as escalation, c.enabled, c.preset, c.last_occurrence_at, c.updated_at, c.updated_by
        from meeting_cadence c left join org_unit s on s.id = c.scope_unit_id
        """;

    public OrgUnitKind Kind => Enum.Parse<OrgUnitKind>(AppliesTo);

    public CadenceSchedule Schedule() => CadenceSchedule.Of(Cron, TimeZone);

    public IReadOnlyList<EscalationStep> EscalationSteps() => ReadEscalation(Escalation);

    public ReminderRule ReminderDays() => new(JsonSerializer.Deserialize<List<int>>(Reminders, Json) ?? []);

    public static IReadOnlyList<EscalationStep> ReadEscalation(string json) => JsonSerializer.Deserialize<List<EscalationStep>>(json, Json) ?? [];

    public static string WriteEscalation(IReadOnlyList<EscalationStep> steps) => JsonSerializer.Serialize(steps, Json);

    /// <summary>
    /// A change's body with the optional members it leaves out taken from this stored cadence, so that leaving one
    /// out keeps it (a disabled cadence stays disabled, a scoped one scoped) instead of resetting it to its default.
    /// The escalation is kept only while the cadence applies to the same kind of unit (its targets depend on it).
    /// </summary>
    public JsonElement Complete(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || JsonNode.Parse(body.GetRawText()) is not JsonObject merged) return body;
        merged.TryAdd("reminders", JsonNode.Parse(Reminders));
        if (!merged.ContainsKey("appliesTo") || merged["appliesTo"]?.GetValueKind() == JsonValueKind.String && (string?)merged["appliesTo"] == AppliesTo)
            merged.TryAdd("escalation", JsonNode.Parse(Escalation));
        merged.TryAdd("enabled", Enabled);
        if (ScopeCode is not null) merged.TryAdd("scopeCode", ScopeCode);
        return JsonSerializer.SerializeToElement(merged);
    }

    /// <summary>The occurrence this cadence opens next, whether or not it has come.</summary>
    public DateTimeOffset? Pending(DateTimeOffset now) => Schedule().Pending(LastOccurrenceAt, now);

    public CadenceView ToView(DateTimeOffset now) => new(
        Key, Name, AppliesTo, ScopeCode, Cron, TimeZone, ReminderDays(), EscalationSteps(), Enabled, Preset,
        MeetingOccurrences.JobId(Key), LastOccurrenceAt, Enabled ? Schedule().NextAfter(now) : null, UpdatedAt, UpdatedBy);

    public static async Task<IReadOnlyList<CadenceRow>> ListAsync(NpgsqlConnection connection, CancellationToken ct) =>
        (await connection.QueryAsync<CadenceRow>(new CommandDefinition(Select + " order by c.key", cancellationToken: ct))).ToList();

    public static Task<CadenceRow?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string key, bool forUpdate, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<CadenceRow>(new CommandDefinition(
            Select + " where c.key = @key" + (forUpdate ? " for update of c" : ""), new { key }, tx, cancellationToken: ct));
}
