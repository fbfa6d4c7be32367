using CommunityWorkflows.Testing.Host;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityWorkflows.Testing;

namespace CommunityWorkflows.Host.Tests.Api;

/// <summary>A unit named in a query (<c>scopeCode</c>, <c>parent</c>) that is unknown or out of sight is 404, and the document says so.</summary>
public class ScopeParameterTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("/api/org-units", "/api/org-units?parent=NOWHERE")]
    [InlineData("/api/accountability", "/api/accountability?year=2026&scopeCode=NOWHERE")]
    [InlineData("/api/accountability.xlsx", "/api/accountability.xlsx?year=2026&scopeCode=NOWHERE")]
    [InlineData("/api/meetings/compliance", "/api/meetings/compliance?year=2026&scopeCode=NOWHERE")]
    [InlineData("/api/meetings/compliance.xlsx", "/api/meetings/compliance.xlsx?year=2026&scopeCode=NOWHERE")]
    [InlineData("/api/liaison-points", "/api/liaison-points?scopeCode=NOWHERE")]
    [InlineData("/api/liaison-points/dashboard", "/api/liaison-points/dashboard?scopeCode=NOWHERE")]
    [InlineData("/api/liaison-points/compliance", "/api/liaison-points/compliance?scopeCode=NOWHERE")]
    [InlineData("/api/liaison-points/assessment", "/api/liaison-points/assessment?scopeCode=NOWHERE")]
    [InlineData("/api/liaison-points/assessment.xlsx", "/api/liaison-points/assessment.xlsx?scopeCode=NOWHERE")]
    public async Task An_unknown_unit_in_the_query_is_a_documented_404(string operation, string url)
    {
        var admin = await host.ClientAsync();

        await (await admin.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);

        var document = await host.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").GetProperty(operation).GetProperty("get").GetProperty("responses").TryGetProperty("404", out _),
            $"GET {operation} answers 404 but does not document it");
    }
}
