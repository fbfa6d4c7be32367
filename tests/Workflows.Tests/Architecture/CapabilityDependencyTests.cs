namespace CommunityWorkflows.Workflows.Tests.Architecture;

/// <summary>
/// The engine is a core that names no capability, and capabilities that depend on the core and on each other in
/// one direction only (docs/architecture.md, "Capabilities and the core").
/// </summary>
public class CapabilityDependencyTests
{
    static readonly string[] Core = ["Store", "Journal", "Commands", "Timers", "Notifications", "Clock"];

    static readonly IReadOnlyDictionary<string, SortedSet<string>> Graph = FolderGraph.Read();

    [Fact]
    public void The_sources_are_read_and_known_references_seen()
    {
        Assert.Superset(new HashSet<string>(Core) { "Runtime", "Assessment", "Meetings", "Liaison" }, Graph.Keys.ToHashSet());
        Assert.Contains("Runtime", Graph["Assessment"]);
        Assert.Contains("Timers", Graph["Liaison"]);
    }

    [Fact]
    public void The_core_names_no_capability()
    {
        var breaches = Core.SelectMany(core => Graph[core].Where(to => !Core.Contains(to)).Select(to => $"{core} → {to}")).ToList();

        Assert.True(breaches.Count == 0, "The core refers to capabilities: " + string.Join(", ", breaches));
    }

    [Fact]
    public void No_folder_depends_on_itself_through_others()
    {
        var cycle = FolderGraph.FindCycle(Graph);

        Assert.True(cycle is null, "A cycle between folders of src/Workflows: " + string.Join(" → ", cycle ?? []));
    }

    [Fact]
    public void A_cycle_is_found_and_named_folder_by_folder()
    {
        var graph = new Dictionary<string, SortedSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };

        Assert.Equal(["A", "B", "C", "A"], FolderGraph.FindCycle(graph));
        Assert.Null(FolderGraph.FindCycle(new Dictionary<string, SortedSet<string>> { ["A"] = ["B"], ["B"] = [] }));
    }

    [Fact]
    public void The_engine_builds_without_the_ASP_NET_Core_shared_framework()
    {
        var project = File.ReadAllText(Path.Combine(FolderGraph.EngineFolder(), "CommunityWorkflows.Workflows.csproj"));

        Assert.DoesNotContain("Microsoft.AspNetCore.App", project);
        Assert.DoesNotContain("Microsoft.NET.Sdk.Web", project);
    }
}
