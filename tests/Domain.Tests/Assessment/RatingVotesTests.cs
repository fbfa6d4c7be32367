using CommunityWorkflows.Domain.Assessment;

namespace CommunityWorkflows.Domain.Tests.Assessment;

public class RatingVotesTests
{
    [Fact]
    public void Every_count_is_given_and_none_negative()
    {
        var (votes, errors) = RatingVotes.Check(null, -1, 3, RatingVotes.MaxVotes + 1);
        Assert.Null(votes);
        Assert.Equal(["/excellent", "/good", "/poor"], errors.Select(e => e.Field));
    }

    [Fact]
    public void At_least_one_vote_is_cast() =>
        Assert.Equal([""], RatingVotes.Check(0, 0, 0, 0).Errors.Select(e => e.Field));

    [Fact]
    public void Valid_counts_make_votes() =>
        Assert.Equal(new RatingVotes(30, 15, 4, 1), RatingVotes.Check(30, 15, 4, 1).Votes);
}
