namespace CommunityWorkflows.Host.Ui.Assess;

/// <summary>Marker for the text of the findings, scoring and meetings pages: <c>Resources/Ui/Assess/AssessText.resx</c> (简体中文) and <c>AssessText.en.resx</c>.</summary>
public sealed class AssessText;
