using CommunityWorkflows.Domain.Calendar;

namespace CommunityWorkflows.Domain.Tests.Calendar;

public class ChinaTimeTests
{
    [Fact]
    public void An_instant_in_a_message_reads_as_the_api_writes_it_in_china_time()
    {
        Assert.Equal("2026-04-01T07:59:59+08:00", ChinaTime.Text(new DateTimeOffset(2026, 3, 31, 23, 59, 59, TimeSpan.Zero)));
        Assert.Equal("2026-01-01T00:00:00.5+08:00", ChinaTime.Text(new DateTimeOffset(2025, 12, 31, 11, 0, 0, 500, TimeSpan.FromHours(-5))));
    }
}
