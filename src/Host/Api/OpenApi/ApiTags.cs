namespace CommunityWorkflows.Host.Api.OpenApi;

/// <summary>The tags that group the operations, in the document's order, each with what it holds.</summary>
static class ApiTags
{
    public static readonly IReadOnlyList<(string Name, string Description)> All =
    [
        ("Start-up", "Health of the host and its database."),
        ("Auth", "Bearer tokens (POST /api/auth/token) and the caller's own account."),
        ("Users", "Accounts and their roles, each scoped to an org unit and its subtree."),
        ("Organisation", "The org tree (City → District → Street → Community, units seated in them), imports and secretaries (the first and direct responsible persons)."),
        ("Templates", "Workflow definitions of assessment cycles: drafts, published versions, the JSON Schema of the format."),
        ("Cycles", "A template launched for a year over a scope: participants, stages, cancellation and the hash-chained journal."),
        ("Tasks", "Bookmarks waiting on a person: submit, review (accept or return), evidence files."),
        ("Inspection and assessment", "Findings and their rectification, indicator scores, democratic rating, results and their publication."),
        ("Accountability", "Per first and direct responsible person: tasks done and overdue, findings open and verified, grade."),
        ("Regular meetings", "Cadences (Hangfire recurring jobs in China time), meeting obligations, minutes, compliance and the iCalendar feed."),
        ("Liaison points", "Leaders' liaison points: work group, backing unit, targets and progress, visits, problems, compliance and the year-end assessment."),
        ("Notifications", "Reminders, overdue notices and escalations in the caller's inbox."),
        ("Business calendar", "China's working days: statutory holidays and adjusted working days per year."),
        ("Simulated time", "The settable clock of Clock:Mode=Simulated (SystemAdmin)."),
    ];
}
