namespace CommunityWorkflows.Domain.Errors;

/// <summary>The caller can see the thing but their role does not allow this action on it (403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);
