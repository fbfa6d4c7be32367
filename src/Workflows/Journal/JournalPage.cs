using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Workflows.Journal;

/// <summary>
/// A page of one journal stream: the entries after <see cref="AfterSeq"/>, at most <see cref="Limit"/>. Every
/// journal endpoint (cycles, liaison points, meetings) takes <c>afterSeq</c> and <c>limit</c> through it.
/// </summary>
public sealed record JournalPage(long AfterSeq, int Limit)
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 10_000;

    public static readonly JournalPage First = new(0, DefaultLimit);

    /// <summary>The page asked for; a negative <c>afterSeq</c> or a <c>limit</c> out of range → 422 naming each.</summary>
    public static JournalPage Of(long? afterSeq, int? limit)
    {
        var errors = new List<FieldError>();
        if (afterSeq is < 0)
            errors.Add(new FieldError("/afterSeq", Say.Text("afterSeq cannot be negative.", "afterSeq 不能为负数。")));
        if (limit is < 1 or > MaxLimit)
            errors.Add(new FieldError("/limit", Say.Text($"limit must be between 1 and {MaxLimit}.", $"每页条数（limit）须在 1 至 {MaxLimit} 之间。")));
        if (errors.Count > 0)
            throw new RuleViolationException(errors, Say.Text("The journal page is out of range.", "日志分页参数超出范围。"));
        return new JournalPage(afterSeq ?? 0, limit ?? DefaultLimit);
    }
}
