using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Host.Ui.Shared;

namespace CommunityWorkflows.Host.Ui.Meetings;

/// <summary>A meeting obligation in the supervision colours: held green, held late yellow, missed red, due soon blue.</summary>
static class MeetingColours
{
    public static SupervisionColour Of(string status, bool late, Countdown? countdown) => status switch
    {
        "Held" when late => SupervisionColour.Yellow,
        "Held" => SupervisionColour.Green,
        "Overdue" => SupervisionColour.Red,
        _ when countdown is { Days: var d } && d <= Supervision.DefaultWindow => SupervisionColour.Blue,
        _ => SupervisionColour.None,
    };

    /// <summary>The key of the status's name: MeetingHeld, MeetingHeldLate, MeetingMissed, MeetingDue.</summary>
    public static string StatusKey(string status, bool late) => status switch
    {
        "Held" when late => "MeetingHeldLate",
        "Held" => "MeetingHeld",
        "Overdue" => "MeetingMissed",
        _ => "MeetingDue",
    };

    /// <summary>The task state a countdown is drawn for: a held meeting has no countdown left.</summary>
    public static TaskState CountdownState(string status) => status == "Held" ? TaskState.Accepted : TaskState.Open;
}
