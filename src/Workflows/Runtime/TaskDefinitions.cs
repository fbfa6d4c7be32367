using System.Text.Json;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Runtime;

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
public sealed record OwnTaskDefinition(TaskDefinition Task, ReminderRule Reminders, IReadOnlyList<EscalationStep> Escalation)
{
    public EffectiveTaskRules Rules() => EffectiveTaskRules.Own(Task, Reminders, Escalation);
}

/// <summary>A task's own definition, as stored in <c>task.definition</c>.</summary>
public static class TaskDefinitions
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(OwnTaskDefinition own) => JsonSerializer.Serialize(own, Json);

    public static OwnTaskDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<OwnTaskDefinition>(json, Json) ?? throw new JsonException("Empty task definition.");
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
