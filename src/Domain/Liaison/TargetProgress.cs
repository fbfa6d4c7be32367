namespace CommunityWorkflows.Domain.Liaison;

/// <summary>How far a point's targets have come: each target by its latest progress, the point by their mean.</summary>
public static class TargetProgress
{
    public const int Complete = 100;

    public static bool IsMet(int progress) => progress >= Complete;

    /// <summary>A target is overdue once its due date has passed in China without it being met.</summary>
    public static bool IsOverdue(DateOnly dueOn, int progress, DateOnly today) => !IsMet(progress) && today > dueOn;

    /// <summary>The point's progress: the mean of its targets' progress, rounded to a whole percent; 0 without targets.</summary>
    public static int Overall(IEnumerable<int> progresses)
    {
        var (sum, count) = (0, 0);
        foreach (var p in progresses) (sum, count) = (sum + p, count + 1);
        return Overall(sum, count);
    }

    /// <summary>The same, from the sum of the targets' progress and their number (as a query adds them up).</summary>
    public static int Overall(long sum, int count) =>
        count == 0 ? 0 : (int)Math.Round((decimal)sum / count, MidpointRounding.AwayFromZero);
}
