namespace CommunityWorkflows.Host.Ui.Cycles;

/// <summary>Marker for the cycle pages' and the workbench's text: <c>Resources/Ui/Cycles/CyclesText.resx</c> (简体中文) and <c>CyclesText.en.resx</c>.</summary>
public sealed class CyclesText;
