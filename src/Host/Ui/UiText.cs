namespace CommunityWorkflows.Host.Ui;

/// <summary>Marker for the UI's text resources: <c>Resources/Ui/UiText.resx</c> (简体中文, the default) and <c>UiText.en.resx</c>.</summary>
public sealed class UiText;
