namespace CommunityWorkflows.Domain.Errors;

/// <summary>The request clashes with the current state (409).</summary>
public sealed class ConflictException(string message) : Exception(message);
