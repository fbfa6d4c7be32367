using CommunityWorkflows.Workflows.Store;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Workflows.Liaison;

/// <summary>
/// A page of a liaison list, by <c>limit</c> and <c>offset</c> as the task, meeting and org-unit lists take them.
/// Problems are paged in SQL; points are cut after they are read and ordered, because their order (attention,
/// score) and the totals and ranks beside them are computed over every point the caller sees.
/// </summary>
public sealed record LiaisonPage(int Limit, int Offset)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static readonly LiaisonPage First = new(DefaultLimit, 0);

    /// <summary>The page asked for; out of range → 422 naming the parameter.</summary>
    public static LiaisonPage Of(int? limit, int? offset)
    {
        Paging.Check(limit ?? DefaultLimit, offset ?? 0, MaxLimit);
        return new LiaisonPage(limit ?? DefaultLimit, offset ?? 0);
    }

    public IReadOnlyList<T> Of<T>(IEnumerable<T> items) => items.Skip(Offset).Take(Limit).ToList();
}
