namespace CommunityWorkflows.Workflows.Store;

/// <summary>LIKE patterns built from literal text: codes may contain '_', which LIKE reads as a wildcard.</summary>
static class Like
{
    public static string Prefix(string literal) =>
        literal.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
}
