namespace CommunityWorkflows.Host.Api;

/// <summary>Endpoint metadata: this endpoint takes bodies up to <paramref name="Bytes"/> (imports, uploads); applied by <see cref="InputGuard"/>.</summary>
sealed record BodyLimit(long Bytes);

/// <summary>
/// Endpoint metadata: the endpoint reads its body with a reader of its own that reports every fault against its
/// row and field (the org import), so <see cref="InputGuard"/> does not hold it to the declared type first.
/// </summary>
sealed record ReadsOwnBody;
