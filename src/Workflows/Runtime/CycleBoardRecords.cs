namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>
/// Which participants of a cycle's board: those with a task in <paramref name="Status"/>, those with an overdue task
/// (<paramref name="Overdue"/> true) or none (false), those of one street; a page of them.
/// </summary>
public sealed record BoardFilter(string? Status = null, bool? Overdue = null, string? StreetCode = null, int Limit = 50, int Offset = 0);

/// <summary>A page of a cycle's board (named by its template and scope): the tasks as columns, the participants as rows, and how many rows match in all.</summary>
public sealed record CycleBoardPage(long CycleId, string TemplateName, string ScopeName, int Total, IReadOnlyList<BoardColumn> Columns, IReadOnlyList<BoardRow> Rows);

/// <summary>A task of the cycle's template, a column of the board.</summary>
public sealed record BoardColumn(int Stage, string StageKey, string StageName, string TaskKey, string Title);

/// <summary>A participant and its tasks (one cell per task it has).</summary>
public sealed record BoardRow(string OrgUnitCode, string Name, string StreetCode, string StreetName, string Status, IReadOnlyList<BoardCell> Cells);

public sealed record BoardCell(long TaskId, int Stage, string TaskKey, string Status, DateTimeOffset? DueAt, bool Overdue);

/// <summary>
/// A street's part of a cycle (the participants that are the street or sit directly under it): how its tasks stand and
/// the earliest due date of its open ones. <paramref name="Tasks"/> counts every task that is not cancelled.
/// </summary>
public sealed record StreetProgress(
    string Code, string Name, int Participants, int Tasks, int Accepted, int Submitted, int Returned, int Open, int Overdue, DateTimeOffset? NextDueAt);

/// <summary>A page of cycles with how far each has come, and how many cycles match in all.</summary>
public sealed record CycleListPage(int Total, IReadOnlyList<CycleListItem> Items);

/// <summary>A cycle in the list: <paramref name="Accepted"/> of <paramref name="Tasks"/> (not cancelled) tasks are done.</summary>
public sealed record CycleListItem(
    long Id, string TemplateKey, int TemplateVersion, string TemplateName, int Year, string ScopeCode, string ScopeName, string Status,
    int ParticipantCount, DateTimeOffset CreatedAt, int Tasks, int Accepted);

/// <summary>Tasks of running cycles in the caller's scope, by state, and the one due first among those awaiting their assignee.</summary>
public sealed record TaskCountsView(int Open, int Submitted, int Returned, int Accepted, int Overdue, NextDueTask? NextDue);

public sealed record NextDueTask(long Id, long CycleId, string OrgUnitName, string Title, string Status, DateTimeOffset DueAt);
