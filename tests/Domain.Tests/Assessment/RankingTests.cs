using CommunityWorkflows.Domain.Assessment;

namespace CommunityWorkflows.Domain.Tests.Assessment;

public class RankingTests
{
    [Fact]
    public void Ties_share_a_rank_and_the_next_rank_is_skipped() =>
        Assert.Equal([3, 1, 1, 4, 5], Ranking.Of([(88m, false), (91.5m, false), (91.50m, false), (70m, false), (12m, false)]));

    [Fact]
    public void A_vetoed_unit_ranks_below_every_unit_not_vetoed()
    {
        Assert.Equal([3, 1, 2, 4], Ranking.Of([(99m, true), (80m, false), (60m, false), (50m, true)]));
        Assert.Equal([2, 2, 1], Ranking.Of([(95m, true), (95m, true), (10m, false)]));
    }

    [Fact]
    public void A_unit_without_a_total_gets_no_rank_and_takes_no_place() =>
        Assert.Equal([null, 1, 2], Ranking.Of([(null, false), (90m, false), (80m, true)]));

    [Fact]
    public void Nothing_to_rank_is_fine() => Assert.Empty(Ranking.Of([]));
}
