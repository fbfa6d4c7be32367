namespace CommunityWorkflows.Host.Ui.Admin;

/// <summary>
/// Marker for the administration pages' text (org units, users, calendars, templates):
/// <c>Resources/Ui/Admin/AdminText.resx</c> (简体中文, the default) and <c>AdminText.en.resx</c>.
/// </summary>
public sealed class AdminText;
