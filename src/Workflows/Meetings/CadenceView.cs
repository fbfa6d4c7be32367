using CommunityWorkflows.Domain.Definitions;

namespace CommunityWorkflows.Workflows.Meetings;

/// <summary>
/// A meeting cadence as the API shows it, with the Hangfire recurring job that runs it, the last occurrence
/// whose obligations are open and the next one to come (in the cadence's time zone).
/// </summary>
public sealed record CadenceView(
    string Key,
    string Name,
    string AppliesTo,
    string? ScopeCode,
    string Cron,
    string TimeZone,
    ReminderRule Reminders,
    IReadOnlyList<EscalationStep> Escalation,
    bool Enabled,
    bool Preset,
    string JobId,
    DateTimeOffset? LastOccurrenceAt,
    DateTimeOffset? NextOccurrenceAt,
    DateTimeOffset UpdatedAt,
    string? UpdatedBy);
