using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Definitions;

public sealed partial class TemplateParser
{
    /// <summary>
    /// <c>after</c> names other tasks of the same stage, each once, and the waits form no cycle (a cycle would
    /// leave its tasks pending for ever).
    /// </summary>
    void CheckTaskOrder(ParsedStage stage, IReadOnlyDictionary<string, string> stageOfTask)
    {
        var tasks = stage.Tasks.DistinctBy(t => t.Definition.Key).ToDictionary(t => t.Definition.Key, StringComparer.Ordinal);
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var task in stage.Tasks)
        {
            var key = task.Definition.Key;
            var named = new HashSet<string>(StringComparer.Ordinal);
            var waitsFor = edges.TryGetValue(key, out var list) ? list : edges[key] = [];
            foreach (var (other, at) in task.After)
            {
                if (other == key)
                    errors.Add(new(at, Say.Text("A task cannot wait for itself.", "任务不能等待自身。")));
                else if (!named.Add(other))
                    errors.Add(new(at, Say.Text($"'{other}' is listed more than once.", $"“{other}”重复列出。")));
                else if (tasks.ContainsKey(other))
                    waitsFor.Add(other);
                else if (stageOfTask.TryGetValue(other, out var otherStage))
                    errors.Add(new(at, Say.Text($"'{other}' belongs to stage '{otherStage}'; after names tasks of the same stage.", $"“{other}”属于阶段“{otherStage}”；after 只能列出同一阶段的任务。")));
                else
                    errors.Add(new(at, Say.Text($"There is no task '{other}' in stage '{stage.Definition.Key}'.", $"阶段“{stage.Definition.Key}”中没有任务“{other}”。")));
            }
        }
        foreach (var cycle in Cycles(edges))
            errors.Add(new($"{tasks[cycle[0]].Pointer}/after",
                Say.Text($"The tasks wait for each other in a cycle ({string.Join(" → ", cycle.Append(cycle[0]))}), so none of them could open.", $"这些任务相互等待形成循环（{string.Join(" → ", cycle.Append(cycle[0]))}），均无法开启。")));
    }

    /// <summary>Each cycle of the wait graph once, as the keys along it, found by depth-first search.</summary>
    static List<List<string>> Cycles(IReadOnlyDictionary<string, List<string>> edges)
    {
        var cycles = new List<List<string>>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        var onPath = new HashSet<string>(StringComparer.Ordinal);

        void Visit(string node)
        {
            path.Add(node);
            onPath.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (onPath.Contains(next))
                    cycles.Add(path[path.IndexOf(next)..]);
                else if (!done.Contains(next))
                    Visit(next);
            }
            onPath.Remove(node);
            path.RemoveAt(path.Count - 1);
            done.Add(node);
        }

        foreach (var node in edges.Keys)
            if (!done.Contains(node))
                Visit(node);
        return cycles;
    }
}
