using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Definitions;

/// <summary>
/// How large a template may be. A cycle writes every task for every participant and a timer for every reminder
/// and escalation step of every open task, so these counts multiply by the size of a province: 20 stages of
/// 50 tasks with 310 timers each made millions of rows for 14 communities and a cycle nobody could cancel.
/// </summary>
public sealed partial class TemplateParser
{
    public const int MaxStages = 20;
    public const int MaxTasksPerStage = 50;
    /// <summary>Tasks of all stages together: each is a row per participant.</summary>
    public const int MaxTasks = 200;
    public const int MaxFormFields = 50;
    public const int MaxOptions = 100;
    public const int MaxReminders = 10;
    public const int MaxEscalationSteps = 10;
    public const int MaxIndicators = 100;

    /// <summary>
    /// True when <paramref name="items"/> holds at most <paramref name="max"/>; otherwise one error at the member,
    /// and the caller reads none of the items (one error, not thousands).
    /// </summary>
    static bool WithinLimit<T>(JsonObjectReader owner, string member, IReadOnlyCollection<T> items, int max, string what)
    {
        if (items.Count <= max) return true;
        owner.Error(member, Say.Text($"At most {max} {what}, not {items.Count}.", $"{what}最多 {max} 项，不能为 {items.Count} 项。"));
        return false;
    }
}
