using System.Collections.Concurrent;
using CommunityWorkflows.Domain.Definitions;
using Dapper;
using Npgsql;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>
/// The definition each cycle runs on, read from the cycle's own copy and kept in memory: a cycle's
/// definition never changes, so the cache never goes stale.
/// </summary>
public sealed class CycleDefinitions
{
    readonly ConcurrentDictionary<long, TemplateDefinition> cache = new();

    public async Task<TemplateDefinition> GetAsync(NpgsqlConnection connection, long cycleId, CancellationToken ct)
    {
        if (cache.TryGetValue(cycleId, out var known)) return known;
        var json = await connection.QuerySingleAsync<string>(new CommandDefinition(
            "select definition::text from cycle where id = @cycleId", new { cycleId }, cancellationToken: ct));
        return cache.GetOrAdd(cycleId, TemplateJson.ReadFrozen(json));
    }

    public void Remember(long cycleId, TemplateDefinition definition) => cache.TryAdd(cycleId, definition);
}
