namespace CommunityWorkflows.Domain.Assessment;

/// <summary>How serious an inspection finding (问题) is: 一般 / 较重 / 严重.</summary>
public enum FindingSeverity
{
    Minor,
    Major,
    Serious,
}
