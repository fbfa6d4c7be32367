using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Domain.Runtime;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>A stage of a cycle in absolute time: when it opens, and when its tasks fall due if they open then.</summary>
sealed record StagePlan(int Ordinal, string Key, string Name, DateTimeOffset OpensAt, DateTimeOffset DueAt)
{
    public static StagePlan Of(StageDefinition stage, int ordinal, int year, DateTimeOffset launchedAt, BusinessCalendar calendar)
    {
        var opensAt = DeadlineSchedule.StageOpensAt(stage, year, launchedAt);
        var openedOn = ChinaTime.DateOf(opensAt > launchedAt ? opensAt : launchedAt);
        var dueDate = stage.Due.DueDate(ChinaTime.DateOf(opensAt), openedOn, calendar);
        return new StagePlan(ordinal, stage.Key, stage.Name, opensAt, ChinaTime.EndOf(dueDate));
    }
}
