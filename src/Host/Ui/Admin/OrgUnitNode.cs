using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Workflows.Organisation;

namespace CommunityWorkflows.Host.Ui.Admin;

/// <summary>A unit in the page's tree: its children are read from the engine when it is first opened, one level at a time.</summary>
public sealed class OrgUnitNode(OrgUnitView unit)
{
    public OrgUnitView Unit { get; set; } = unit;

    public List<OrgUnitNode>? Children { get; set; }

    /// <summary>Communities and seated units hold no units below them; every other unit may.</summary>
    public bool IsLeaf => Unit.Kind is OrgUnitKind.Community or OrgUnitKind.SeatedUnit || Children is { Count: 0 };

    public string Title => $"{Unit.Name}（{Unit.Code}）";
}
