using CommunityWorkflows.Domain.Errors;

namespace CommunityWorkflows.Domain.Definitions;

/// <summary>
/// The outcome of parsing a template: the definition when nothing is wrong, otherwise every problem found; and the
/// <c>ownerScopeCode</c> the body named, if any. The owner belongs to the template, not to a version's definition,
/// so it is never part of <see cref="Definition"/> (nor of the canonical JSON stored and launched).
/// </summary>
public sealed record TemplateParseResult(TemplateDefinition? Definition, IReadOnlyList<FieldError> Errors, string? OwnerScopeCode = null)
{
    public bool IsValid => Definition is not null;
}
