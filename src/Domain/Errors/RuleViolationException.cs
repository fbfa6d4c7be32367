using CommunityWorkflows.Domain.Text;
namespace CommunityWorkflows.Domain.Errors;

/// <summary>Valid input that breaks one or more rules; answered with 422 and every field named.</summary>
public sealed class RuleViolationException(IReadOnlyList<FieldError> errors, string? detail = null, object? extensions = null)
    : Exception(detail ?? Say.Text("One or more rules were broken.", "不符合一项或多项规则。"))
{
    public RuleViolationException(string field, string message) : this([new FieldError(field, message)], message) { }

    public IReadOnlyList<FieldError> Errors { get; } = errors;

    /// <summary>Extra members for the problem document (e.g. the bad rows of an import).</summary>
    public object? Extensions { get; } = extensions;
}
