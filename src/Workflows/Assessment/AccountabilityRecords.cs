using CommunityWorkflows.Domain.Assessment;
using CommunityWorkflows.Domain.Organisation;

namespace CommunityWorkflows.Workflows.Assessment;

/// <summary>A participant a responsible person answers for, with its published result in that cycle (null until published).</summary>
public sealed record AccountableUnit(string OrgUnitCode, string Name, long CycleId, int? Rank, decimal? Total, Grade? Grade);

public sealed record GradeCounts(int Excellent, int Good, int Fair, int Poor)
{
    public static GradeCounts Of(IEnumerable<Grade?> grades)
    {
        var list = grades.OfType<Grade>().ToList();
        return new GradeCounts(list.Count(g => g == Grade.Excellent), list.Count(g => g == Grade.Good), list.Count(g => g == Grade.Fair), list.Count(g => g == Grade.Poor));
    }
}

/// <summary>
/// One responsible person's year within the report's scope: the District secretary (FirstResponsible) or a
/// Street secretary (DirectResponsible) — null when the unit has no secretary named — the units they answer
/// for, the units' own tasks (total, done, overdue now, ever late), the findings (open: not yet verified;
/// overdue; verified), and the published grades: <see cref="Grade"/> when they answer for one graded unit.
/// </summary>
public sealed record AccountabilityRow(
    string? Username,
    string? DisplayName,
    Responsibility Responsibility,
    string OrgUnitCode,
    string OrgUnitName,
    IReadOnlyList<AccountableUnit> Units,
    int TasksTotal,
    int TasksDone,
    int TasksOverdue,
    int TasksLate,
    int FindingsOpen,
    int FindingsOverdue,
    int FindingsVerified,
    Grade? Grade,
    GradeCounts Grades);
