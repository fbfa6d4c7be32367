namespace CommunityWorkflows.Host.Ui.Liaison;

/// <summary>Marker for the text of the liaison and notification pages: <c>Resources/Ui/Liaison/LiaisonText.resx</c> (简体中文) and <c>.en.resx</c>.</summary>
public sealed class LiaisonText;
