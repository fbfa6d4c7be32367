namespace CommunityWorkflows.Domain.Definitions;

/// <summary>A template version is edited as a <see cref="Draft"/>; once <see cref="Published"/> it never changes.</summary>
public enum TemplateStatus
{
    Draft,
    Published,
}
