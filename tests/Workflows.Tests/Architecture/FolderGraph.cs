using System.Text.RegularExpressions;

namespace CommunityWorkflows.Workflows.Tests.Architecture;

/// <summary>
/// The folders of src/Workflows and which other folders each one's sources name: by <c>using</c>, by a qualified
/// name (<c>CommunityWorkflows.Workflows.Runtime.OwnTasks</c>) or by a name relative to the engine's namespace
/// (<c>Meetings.DefaultCadences</c>, <c>cref="Jobs.MeetingSchedules"</c>). Plain comments do not count.
/// </summary>
static partial class FolderGraph
{
    public static string EngineFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "CommunityWorkflows.sln")))
                return Path.Combine(directory.FullName, "src", "Workflows");
        throw new InvalidOperationException("No CommunityWorkflows.sln above " + AppContext.BaseDirectory);
    }

    /// <summary>Every folder of the engine with the set of other folders it refers to.</summary>
    public static IReadOnlyDictionary<string, SortedSet<string>> Read()
    {
        var root = EngineFolder();
        var folders = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>()
            .Where(f => f is not ("bin" or "obj")).ToHashSet();
        var relative = new Regex(@"(?<![\w.])(" + string.Join("|", folders) + @")\.[A-Z]\w*");
        var graph = folders.ToDictionary(f => f, _ => new SortedSet<string>());
        foreach (var folder in folders)
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            {
                var text = PlainComment().Replace(File.ReadAllText(file), "");
                var named = Qualified().Matches(text).Select(m => m.Groups[1].Value)
                    .Concat(relative.Matches(text).Select(m => m.Groups[1].Value));
                foreach (var other in named.Where(n => n != folder && folders.Contains(n)))
                    graph[folder].Add(other);
            }
        return graph;
    }

    /// <summary>A cycle of the graph as its folders, the first repeated at the end, or null when it has none.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, SortedSet<string>> graph)
    {
        var done = new HashSet<string>();
        var path = new List<string>();
        foreach (var start in graph.Keys.Order())
            if (Visit(start) is { } cycle)
                return cycle;
        return null;

        List<string>? Visit(string folder)
        {
            if (path.IndexOf(folder) is var at and >= 0)
                return [.. path[at..], folder];
            if (!done.Add(folder))
                return null;
            path.Add(folder);
            foreach (var next in graph.GetValueOrDefault(folder) ?? [])
                if (Visit(next) is { } cycle)
                    return cycle;
            path.RemoveAt(path.Count - 1);
            return null;
        }
    }

    [GeneratedRegex(@"(?m)(?<!/)//(?!/).*$")]
    private static partial Regex PlainComment();

    [GeneratedRegex(@"\bWorkflows\.(\w+)")]
    private static partial Regex Qualified();
}
