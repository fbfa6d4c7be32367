using CommunityWorkflows.Domain.Liaison;

namespace CommunityWorkflows.Domain.Tests.Liaison;

public class TargetProgressTests
{
    static readonly DateOnly Due = new(2026, 6, 30);

    [Fact]
    public void A_point_progresses_by_the_mean_of_its_targets_rounded_to_a_whole_percent()
    {
        Assert.Equal(50, TargetProgress.Overall([0, 50, 100]));
        Assert.Equal(34, TargetProgress.Overall([33, 34]));   // 33.5 rounds away from zero
        Assert.Equal(67, TargetProgress.Overall([100, 100, 0]));
        Assert.Equal(0, TargetProgress.Overall([]));
    }

    [Theory]
    [InlineData("2026-06-30", 90, false)] // due today: not yet late
    [InlineData("2026-07-01", 90, true)]
    [InlineData("2026-07-01", 100, false)] // met is never overdue
    [InlineData("2026-12-31", 0, true)]
    public void A_target_is_overdue_once_its_day_has_passed_unmet(string today, int progress, bool overdue) =>
        Assert.Equal(overdue, TargetProgress.IsOverdue(Due, progress, DateOnly.Parse(today)));

    [Fact]
    public void Only_full_progress_meets_a_target()
    {
        Assert.False(TargetProgress.IsMet(99));
        Assert.True(TargetProgress.IsMet(100));
    }
}
