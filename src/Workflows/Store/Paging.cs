using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Workflows.Store;

/// <summary>The one check of a list's <c>limit</c> and <c>offset</c>, as every paged query takes them.</summary>
public static class Paging
{
    /// <summary><paramref name="limit"/> within 1..<paramref name="max"/> and <paramref name="offset"/> not negative; otherwise 422 naming the parameter.</summary>
    public static void Check(int limit, int offset, int max)
    {
        if (limit < 1 || limit > max)
            throw new RuleViolationException("/limit", Say.Text($"limit must be between 1 and {max}.", $"每页条数（limit）须在 1 至 {max} 之间。"));
        if (offset < 0)
            throw new RuleViolationException("/offset", Say.Text("offset cannot be negative.", "起始位置（offset）不能为负数。"));
    }
}
