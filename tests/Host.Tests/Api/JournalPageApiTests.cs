using CommunityWorkflows.Testing.Host;
using System.Net;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>Every journal is paged the same way: afterSeq at least 0, limit 1–10,000, checked before the stream is looked for.</summary>
public class JournalPageApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("/api/cycles/1/journal")]
    [InlineData("/api/liaison-points/1/journal")]
    [InlineData("/api/meetings/1/journal")]
    public async Task A_negative_afterSeq_or_a_limit_out_of_range_is_422_naming_each(string journal)
    {
        var admin = await host.ClientAsync();
        foreach (var (query, fields) in new (string, string[])[]
        {
            ("?afterSeq=-1", ["/afterSeq"]), ("?limit=0", ["/limit"]), ("?limit=10001", ["/limit"]), ("?afterSeq=-5&limit=-1", ["/afterSeq", "/limit"]),
        })
        {
            var problem = await (await admin.GetAsync(journal + query)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Equal(fields, problem.ErrorFields());
        }
        // in range, the stream is looked for: there is no such cycle, point or meeting
        await (await admin.GetAsync($"{journal}?afterSeq=0&limit=10000")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
