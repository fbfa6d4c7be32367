namespace CommunityWorkflows.Domain.Errors;

/// <summary>Unknown, or outside the caller's scope — the two are deliberately indistinguishable (404).</summary>
public sealed class NotFoundException(string message) : Exception(message);
