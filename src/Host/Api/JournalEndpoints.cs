using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Host.Auth;
using CommunityWorkflows.Workflows.Journal;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// A resource's journal and its verification, the same way for every resource that keeps a stream of its own:
/// paged by <see cref="JournalPage"/>, read only once the caller may see the resource (404 otherwise).
/// </summary>
static class JournalEndpoints
{
    public static void MapJournal<TQueries>(
        this RouteGroupBuilder group, string resource, string what, Func<long, string> stream, Func<TQueries, long, Caller, CancellationToken, Task> ensureVisible)
        where TQueries : notnull
    {
        Task EnsureAsync(HttpContext context, long id, CancellationToken ct) =>
            ensureVisible(context.RequestServices.GetRequiredService<TQueries>(), id, context.Caller(), ct);

        group.MapGet("/{id:long}/journal", async (long id, long? afterSeq, int? limit, HttpContext context, EventJournal journal, CancellationToken ct) =>
        {
            var page = JournalPage.Of(afterSeq, limit);
            await EnsureAsync(context, id, ct);
            return await journal.ReadAsync(stream(id), page, ct);
        })
        .WithName($"Get{resource}Journal")
        .WithSummary($"The {what} in order, each with its hash and the previous entry's (page with afterSeq and limit).");

        group.MapGet("/{id:long}/journal/verify", async (long id, HttpContext context, EventJournal journal, CancellationToken ct) =>
        {
            await EnsureAsync(context, id, ct);
            return await journal.VerifyAsync(stream(id), ct);
        })
        .WithName($"Verify{resource}Journal")
        .WithSummary($"Recompute the hash chain of the {what}: {{valid, entries, firstBrokenSeq}}.");
    }
}
