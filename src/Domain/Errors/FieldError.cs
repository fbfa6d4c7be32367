namespace CommunityWorkflows.Domain.Errors;

/// <summary>One broken rule, naming the field (a JSON pointer or a property name) it concerns.</summary>
public sealed record FieldError(string Field, string Message);
