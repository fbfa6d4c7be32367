namespace CommunityWorkflows.Workflows.Definitions;

/// <summary>The JSON Schema (draft 2020-12) of a template, <c>templates/template.schema.json</c>, as shipped in this assembly.</summary>
public static class TemplateSchema
{
    public const string FileName = "template.schema.json";

    static readonly Lazy<string> Text = new(() => ShippedFiles.Read(FileName));

    public static string Json => Text.Value;
}
