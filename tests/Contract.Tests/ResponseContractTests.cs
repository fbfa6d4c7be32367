using CommunityWorkflows.Testing.Host;
using System.Text;
using CommunityWorkflows.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace CommunityWorkflows.Contract.Tests;

/// <summary>The check every test host runs on its answers finds what breaks the document, and passes what keeps it.</summary>
public class ResponseContractTests
{
    const string Document = """
        {"openapi":"3.1.1","paths":{"/api/things/{id}":{"get":{"responses":{
          "200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}},
          "404":{"content":{"application/problem+json":{"schema":{"type":"object"}}}}}}}},
         "components":{"schemas":{"Thing":{"type":"object","required":["id"],"properties":{"id":{"type":"integer"},"kind":{"$ref":"#/components/schemas/Kind"}}},
           "Kind":{"type":"string","enum":["A","B"]}}}}
        """;

    static async Task<IReadOnlyCollection<string>> AnswerAsync(int status, string contentType, string body, string route = "/api/things/{id:long}")
    {
        var contract = new ResponseContract(() => Task.FromResult(Document));
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/api/things/1";
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(route), 0, EndpointMetadataCollection.Empty, "thing"));
        await contract.InvokeAsync(context, async c =>
        {
            c.Response.StatusCode = status;
            c.Response.ContentType = contentType;
            await c.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
        });
        Assert.Equal(body, Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
        return contract.Violations;
    }

    [Fact]
    public async Task A_body_that_fits_its_schema_passes() =>
        Assert.Empty(await AnswerAsync(200, "application/json; charset=utf-8", """{"id": 7, "kind": "B"}"""));

    [Theory]
    [InlineData(200, "application/json", """{"id": "seven"}""", "does not fit its schema")]
    [InlineData(200, "application/json", """{"id": 7, "kind": "C"}""", "does not fit its schema")]
    [InlineData(200, "text/plain", "7", "does not list")]
    [InlineData(409, "application/problem+json", "{}", "does not document")]
    [InlineData(404, "application/json", "{}", "not application/problem+json")]
    public async Task What_breaks_the_document_is_named(int status, string contentType, string body, string fault) =>
        Assert.Contains(await AnswerAsync(status, contentType, body), v => v.Contains(fault, StringComparison.Ordinal));

    [Fact]
    public async Task An_operation_missing_from_the_document_is_named() =>
        Assert.Contains(await AnswerAsync(200, "application/json", "{}", "/api/other"), v => v.Contains("is not in the document", StringComparison.Ordinal));
}
