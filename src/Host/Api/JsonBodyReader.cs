using System.Text.Json;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Host.Api;

/// <summary>
/// Reads a JSON body as a <see cref="JsonElement"/>, so that the domain reports every wrong member by its
/// JSON pointer instead of model binding failing at the first: malformed JSON is 400, another media type 415.
/// </summary>
static class JsonBodyReader
{
    public static async Task<JsonElement> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            throw new BadHttpRequestException(Say.Text("Send the body as application/json.", "请以 application/json 格式发送请求内容。"), StatusCodes.Status415UnsupportedMediaType);
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException(Say.Text($"The body is not valid JSON: {e.Message}", $"请求内容不是有效的 JSON：{e.Message}"), e);
        }
    }
}
