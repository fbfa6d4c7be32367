namespace CommunityWorkflows.Domain.Organisation;

/// <summary>第一责任人 / 直接责任人.</summary>
public enum Responsibility
{
    FirstResponsible,
    DirectResponsible,
}

public static class Responsibilities
{
    /// <summary>The District secretary answers as FirstResponsible, the Street secretary as DirectResponsible.</summary>
    public static Responsibility? OfSecretary(OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.District => Responsibility.FirstResponsible,
        OrgUnitKind.Street => Responsibility.DirectResponsible,
        _ => null,
    };
}
