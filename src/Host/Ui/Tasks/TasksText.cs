namespace CommunityWorkflows.Host.Ui.Tasks;

/// <summary>Marker for the task pages' text: <c>Resources/Ui/Tasks/TasksText.resx</c> (简体中文) and <c>TasksText.en.resx</c>.</summary>
public sealed class TasksText;
