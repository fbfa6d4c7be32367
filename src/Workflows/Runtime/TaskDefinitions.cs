using System.Text.Json;
using CommunityWorkflows.Domain.Definitions;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>Where a task came from: a template's stage, or a capability creating it on its own (a rectification...).</summary>
public static class TaskOrigins
{
    public const string Stage = "Stage";
    public const string Rectification = "Rectification";
}

/// <summary>
/// The definition a task created outside the template's stages carries with it: what to fill in, who acts,
/// and its own reminders and escalation.
/// </summary>
public sealed record OwnTaskDefinition(TaskDefinition Task, ReminderRule Reminders, IReadOnlyList<EscalationStep> Escalation);

/// <summary>Finds a task's definition: in its cycle's template, or in the task's own copy.</summary>
public static class TaskDefinitions
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(OwnTaskDefinition own) => JsonSerializer.Serialize(own, Json);

    public static OwnTaskDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<OwnTaskDefinition>(json, Json) ?? throw new JsonException("Empty task definition.");

    public static async Task<TaskDefinition> OfAsync(
        NpgsqlConnection connection, CycleDefinitions definitions, long cycleId, int stage, string taskKey, string? ownDefinition, CancellationToken ct)
    {
        if (ownDefinition is not null) return Deserialize(ownDefinition).Task;
        var template = await definitions.GetAsync(connection, cycleId, ct);
        return template.Stages[stage].Tasks.Single(t => t.Key == taskKey);
    }

    public static IReadOnlyList<EscalationStep> OwnEscalation(string ownDefinition) => Deserialize(ownDefinition).Escalation;
}

/// <summary>When a task can still change hands.</summary>
public static class TaskLife
{
    /// <summary>
    /// A task moves while its cycle runs. A task a capability created outside the stages (a rectification)
    /// outlives the cycle's completion: a finding is followed up until it is verified. A cancelled cycle stops all.
    /// </summary>
    public static bool CanChange(string cycleStatus, string origin) =>
        cycleStatus == "Running" || cycleStatus == "Completed" && origin != TaskOrigins.Stage;
}
