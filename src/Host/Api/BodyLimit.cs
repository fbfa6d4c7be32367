namespace CommunityWorkflows.Host.Api;

/// <summary>Endpoint metadata: this endpoint takes bodies up to <paramref name="Bytes"/> (imports, uploads); applied by <see cref="InputGuard"/>.</summary>
sealed record BodyLimit(long Bytes);
