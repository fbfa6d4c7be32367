using CommunityWorkflows.Domain.Errors;

namespace CommunityWorkflows.Domain.Definitions;

/// <summary>The outcome of parsing a template: the definition when nothing is wrong, otherwise every problem found.</summary>
public sealed record TemplateParseResult(TemplateDefinition? Definition, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Definition is not null;
}
