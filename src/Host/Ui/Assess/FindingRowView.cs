using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Runtime;
using CommunityWorkflows.Host.Ui.Shared;
using CommunityWorkflows.Workflows.Assessment;

namespace CommunityWorkflows.Host.Ui.Assess;

/// <summary>What the findings list shows of one finding, and what the signed-in person may do with it.</summary>
public sealed record FindingRowView(FindingListItem Item, SupervisionColour Colour, bool CanVerify, bool CanAnswer)
{
    public FindingView Finding => Item.Finding;

    /// <summary>The status key: FindingOpen, FindingReturned, FindingAwaiting (submitted, awaiting 销号), FindingVerified, FindingCancelled.</summary>
    public string StatusKey => Item.RectificationState switch
    {
        TaskState.Submitted => "FindingAwaiting",
        TaskState.Returned => "FindingReturned",
        TaskState.Accepted => "FindingVerified",
        TaskState.Cancelled => "FindingCancelled",
        _ => "FindingOpen",
    };

    public static FindingRowView Of(FindingListItem item, Caller caller, DateTimeOffset now, Countdown? countdown)
    {
        var state = item.RectificationState;
        var verifierRole = item.Finding.Reviewer == "inspector" ? Role.Inspector : Role.DistrictAdmin;
        // what the buttons offer; the engine decides (a wrong guess answers with its own refusal)
        var canVerify = state == TaskState.Submitted && (caller.IsSystemAdmin || caller.Grants.Any(g => g.Role == verifierRole));
        var canAnswer = state is TaskState.Open or TaskState.Returned && caller.Grants.Any(g => g.Role is Role.StreetOfficer or Role.CommunityOfficer);
        return new FindingRowView(item, Supervision.Of(state, item.Finding.DueAt, now, countdown), canVerify, canAnswer);
    }
}
