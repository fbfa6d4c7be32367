using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Assessment;

/// <summary>The democratic rating (民主测评): how many voters rated the unit 好, 较好, 一般 and 差 ("don't know" is left out).</summary>
public sealed record RatingVotes(int Excellent, int Good, int Fair, int Poor)
{
    public const int MaxVotes = 1_000_000;

    public int Total => Excellent + Good + Fair + Poor;

    /// <summary>The points per vote on average, each vote counting by the template's rating weights (unrounded).</summary>
    public decimal Score(RatingWeights weights) =>
        (Excellent * weights.Excellent + Good * weights.Good + Fair * weights.Fair + Poor * weights.Poor) / Total;

    /// <summary>Every count present, none negative or absurd, at least one vote in all.</summary>
    public static (RatingVotes? Votes, IReadOnlyList<FieldError> Errors) Check(int? excellent, int? good, int? fair, int? poor)
    {
        var errors = new List<FieldError>();
        int Count(int? value, string member)
        {
            if (value is null) errors.Add(new FieldError($"/{member}", Say.Text($"{member} is required (the number of votes; 0 when none).", $"{member} 为必填项（填写票数，无票填 0）。")));
            else if (value is < 0 or > MaxVotes) errors.Add(new FieldError($"/{member}", Say.Text($"{member} must be between 0 and {MaxVotes}, not {value}.", $"{member} 须在 0 至 {MaxVotes} 之间，不能为 {value}。")));
            else return value.Value;
            return 0;
        }
        var votes = new RatingVotes(Count(excellent, "excellent"), Count(good, "good"), Count(fair, "fair"), Count(poor, "poor"));
        if (errors.Count == 0 && votes.Total == 0)
            errors.Add(new FieldError("", Say.Text("A democratic rating needs at least one vote.", "民主测评至少需要一票。")));
        return errors.Count == 0 ? (votes, []) : (null, errors);
    }
}
