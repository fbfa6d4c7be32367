using CommunityWorkflows.Domain.Errors;

namespace CommunityWorkflows.Host.Ui.Shared;

/// <summary>
/// A form's answer from the engine: the rule violations by JSON pointer (each shown under its field by
/// <see cref="Field"/>), and what concerns no field on the form (shown above it).
/// </summary>
public sealed class FormErrors
{
    readonly List<FieldError> errors = [];
    readonly HashSet<string> shown = new(StringComparer.Ordinal);

    public string? General { get; private set; }

    public bool Any => errors.Count > 0 || General is not null;

    public void Clear()
    {
        errors.Clear();
        shown.Clear();
        General = null;
    }

    public void Set(RuleViolationException violation)
    {
        Clear();
        errors.AddRange(violation.Errors);
        General = violation.Message;
    }

    public void Set(string message)
    {
        Clear();
        General = message;
    }

    /// <summary>The messages at <paramref name="pointer"/> or inside it (a field's own items, e.g. /fields/score).</summary>
    public IReadOnlyList<string> At(string pointer)
    {
        var found = errors.Where(e => e.Field == pointer || e.Field.StartsWith(pointer + "/", StringComparison.Ordinal)).ToList();
        foreach (var e in found) shown.Add(e.Field);
        return found.Select(e => e.Message).ToList();
    }

    /// <summary>Every violation, for the summary above a form: those no field shows are included so none is lost.</summary>
    public IReadOnlyList<FieldError> All => errors;
}
