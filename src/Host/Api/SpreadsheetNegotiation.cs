namespace CommunityWorkflows.Host.Api;

/// <summary>Whether a request asks for the .xlsx form of a resource through its Accept header.</summary>
static class SpreadsheetNegotiation
{
    public static bool WantsSpreadsheet(this HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(Spreadsheet.ContentType, StringComparison.OrdinalIgnoreCase));
}
