using CommunityWorkflows.Host.Ui.Shared;
using CommunityWorkflows.Workflows.Runtime;

namespace CommunityWorkflows.Host.Ui.Cycles;

/// <summary>A street's supervision colour in a cycle: red with an overdue task, yellow with a returned one, green with nothing left to do, blue when its next due date is near.</summary>
static class StreetColours
{
    public static SupervisionColour Of(StreetProgress street, Countdown? nextDue) => street switch
    {
        { Overdue: > 0 } => SupervisionColour.Red,
        { Returned: > 0 } => SupervisionColour.Yellow,
        { Open: 0, Submitted: 0, Accepted: > 0 } => SupervisionColour.Green,
        _ when nextDue is { Days: var d } && d <= Supervision.DefaultWindow => SupervisionColour.Blue,
        _ => SupervisionColour.None,
    };
}
