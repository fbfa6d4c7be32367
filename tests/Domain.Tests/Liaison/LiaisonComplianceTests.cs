using CommunityWorkflows.Domain.Liaison;

namespace CommunityWorkflows.Domain.Tests.Liaison;

public class LiaisonComplianceTests
{
    [Fact]
    public void Every_leader_without_a_point_is_listed_city_first()
    {
        var leaders = new[]
        {
            new LeaderOnDuty(1, "street.b", LeaderLevel.Street, 0),
            new LeaderOnDuty(2, "city.a", LeaderLevel.City, 1),
            new LeaderOnDuty(3, "district.a", LeaderLevel.District, 0),
            new LeaderOnDuty(4, "street.a", LeaderLevel.Street, 0),
            new LeaderOnDuty(5, "city.b", LeaderLevel.City, 0),
        };
        Assert.Equal(["city.b", "district.a", "street.a", "street.b"], LiaisonCompliance.WithoutPoint(leaders).Select(l => l.Username));
    }

    [Fact]
    public void A_point_lacks_a_recent_visit_once_it_went_longer_than_the_configured_days_without_one()
    {
        var policy = LiaisonPolicy.Default with { VisitDueAfterDays = 30 };
        var start = new DateOnly(2026, 1, 5);
        Assert.False(LiaisonCompliance.LacksRecentVisit(null, start, new DateOnly(2026, 2, 4), 2026, policy));
        Assert.True(LiaisonCompliance.LacksRecentVisit(null, start, new DateOnly(2026, 2, 5), 2026, policy));
        Assert.False(LiaisonCompliance.LacksRecentVisit(new DateOnly(2026, 2, 1), start, new DateOnly(2026, 2, 5), 2026, policy));
    }
}
