namespace CommunityWorkflows.Host.Api;

/// <summary>Whether a request asks for the .xlsx form of a resource through its Accept header.</summary>
static class SpreadsheetNegotiation
{
    /// <summary>
    /// The spreadsheet type is named with a quality above 0 and no lower than JSON's: <c>q=0</c> refuses it, and a
    /// client that lists both prefers whichever it weighs more (the spreadsheet on a tie, as it was named on purpose).
    /// </summary>
    public static bool WantsSpreadsheet(this HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        double Quality(string mediaType) => accept
            .Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1).DefaultIfEmpty(-1).Max();
        var spreadsheet = Quality(Spreadsheet.ContentType);
        return spreadsheet > 0 && spreadsheet >= Quality("application/json");
    }
}
