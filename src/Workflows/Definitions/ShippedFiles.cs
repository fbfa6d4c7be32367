namespace CommunityWorkflows.Workflows.Definitions;

/// <summary>The repository's <c>templates/*.json</c>, embedded in this assembly as <c>templates/&lt;file&gt;</c>.</summary>
static class ShippedFiles
{
    const string Prefix = "templates/";

    public static IEnumerable<string> Names() =>
        typeof(ShippedFiles).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..])
            .Order(StringComparer.Ordinal);

    public static string Read(string fileName)
    {
        using var stream = typeof(ShippedFiles).Assembly.GetManifestResourceStream(Prefix + fileName)
            ?? throw new InvalidOperationException($"templates/{fileName} is not embedded in {typeof(ShippedFiles).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
