using System.Text.Json;
using CommunityWorkflows.Domain.Text;

namespace CommunityWorkflows.Domain.Definitions;

public sealed partial class TemplateParser
{
    static readonly string[] StageMembers = ["key", "name", "opensOn", "due", "reminders", "escalation", "tasks"];
    static readonly string[] TaskMembers = ["key", "title", "description", "assignee", "reviewer", "gate", "evidenceRequired", "after", "form"];

    /// <summary>A stage as read; <paramref name="Opening"/> is null when its <c>opensOn</c> was unreadable.</summary>
    sealed record ParsedStage(StageDefinition Definition, OpeningRule? Opening, string Pointer, int Index, IReadOnlyList<ParsedTask> Tasks);

    /// <summary>A task as read; <paramref name="GateKnown"/> is false when its <c>gate</c> was unreadable.</summary>
    sealed record ParsedTask(TaskDefinition Definition, string Pointer, IReadOnlyList<(string Key, string Pointer)> After, bool GateKnown);

    IReadOnlyList<StageDefinition> Stages(JsonObjectReader template, string? participantKind)
    {
        if (template.Array("stages", required: true) is not { } items) return [];
        if (items.Count == 0)
        {
            template.Error("stages", Say.Text("A template needs at least one stage.", "模板至少需要一个阶段。"));
            return [];
        }
        if (!WithinLimit(template, "stages", items, MaxStages, Say.Text("stages", "阶段"))) return [];
        var stages = new List<ParsedStage>();
        for (var i = 0; i < items.Count; i++)
            if (Stage(items[i].Item, items[i].Pointer, i, participantKind) is { } stage)
                stages.Add(stage);
        CheckUniqueKeys(stages.Select(s => (s.Definition.Key, $"{s.Pointer}/key")), Say.Text("stage", "阶段"));
        CheckUniqueKeys(stages.SelectMany(s => s.Tasks).Select(t => (t.Definition.Key, $"{t.Pointer}/key")), Say.Text("task", "任务"));
        CheckOpeningOrder(stages);
        var taskCount = stages.Sum(s => s.Tasks.Count);
        if (taskCount > MaxTasks)
            template.Error("stages", Say.Text($"At most {MaxTasks} tasks in all stages together, not {taskCount}.", $"各阶段任务合计最多 {MaxTasks} 项，不能为 {taskCount} 项。"));
        var stageOfTask = stages.SelectMany(s => s.Tasks.Select(t => (Task: t.Definition.Key, Stage: s.Definition.Key)))
            .DistinctBy(p => p.Task).ToDictionary(p => p.Task, p => p.Stage, StringComparer.Ordinal);
        foreach (var stage in stages)
            CheckTaskOrder(stage, stageOfTask);
        return stages.Select(s => s.Definition).ToList();
    }

    ParsedStage? Stage(JsonElement item, string at, int index, string? participantKind)
    {
        var r = JsonObjectReader.Open(item, at, errors, StageMembers);
        if (r is null) return null;
        var key = Name(r, "key");
        var name = r.String("name", required: true, MaxNameLength)?.Trim();
        var opensOn = OpensOn(r);
        var due = Due(r);
        var reminders = Reminders(r);
        var escalation = Escalation(r);
        var tasks = Tasks(r, participantKind);
        var definition = new StageDefinition(key ?? "", name ?? "", opensOn ?? new OpeningRule.AtLaunch(), due ?? new DueRule.AfterDays(1),
            reminders, escalation, tasks.Select(t => t.Definition).ToList());
        return new ParsedStage(definition, opensOn, at, index, tasks);
    }

    List<ParsedTask> Tasks(JsonObjectReader stage, string? participantKind)
    {
        var tasks = new List<ParsedTask>();
        if (stage.Array("tasks", required: true) is not { } items) return tasks;
        if (items.Count == 0)
        {
            stage.Error("tasks", Say.Text("A stage needs at least one task.", "每个阶段至少需要一项任务。"));
            return tasks;
        }
        if (!WithinLimit(stage, "tasks", items, MaxTasksPerStage, Say.Text("tasks in a stage", "每阶段任务"))) return tasks;
        foreach (var (item, at) in items)
            if (Task(item, at, participantKind) is { } task)
                tasks.Add(task);
        // a task that failed to parse, or whose gate is unreadable, might have been the gate
        if (tasks.Count == items.Count && tasks.All(t => t.GateKnown) && !tasks.Any(t => t.Definition.Gate))
            stage.Error("tasks", Say.Text("At least one task of a stage must be a gate (\"gate\": true); without one the stage would be passed the moment it opens.", "每个阶段至少须有一项关口任务（\"gate\": true），否则该阶段一开启即视为通过。"));
        return tasks;
    }

    ParsedTask? Task(JsonElement item, string at, string? participantKind)
    {
        var r = JsonObjectReader.Open(item, at, errors, TaskMembers);
        if (r is null) return null;
        var key = Name(r, "key");
        var title = r.String("title", required: true, MaxNameLength)?.Trim();
        var description = Description(r);
        var assignee = Role(r, "assignee", required: true, participantKind);
        var reviewer = Role(r, "reviewer", required: false, participantKind);
        if (reviewer is not null && reviewer == assignee)
            r.Error("reviewer", Say.Text("The reviewer must be another role than the assignee: nobody accepts their own submission.", "审核人须为承办人以外的角色：任何人不得审核自己提交的内容。"));
        var gate = r.Boolean("gate");
        var evidenceRequired = r.Boolean("evidenceRequired") ?? false;
        var after = r.Strings("after") ?? [];
        if (!WithinLimit(r, "after", after, MaxTasksPerStage - 1, Say.Text("tasks to wait for", "等待的任务"))) after = [];
        var form = Form(r);
        var definition = new TaskDefinition(key ?? "", title ?? "", description, assignee ?? "", reviewer, gate ?? false, evidenceRequired,
            after.Select(a => a.Value).ToList(), form);
        return new ParsedTask(definition, at, after, GateKnown: gate is not null || r.Value("gate", required: false) is null);
    }

    static string? Role(JsonObjectReader task, string member, bool required, string? participantKind)
    {
        var role = task.String(member, required);
        if (role is null) return null;
        if (!ParticipantRoles.All.Contains(role, StringComparer.Ordinal))
        {
            task.Error(member, Say.Text($"Unknown role '{role}'; expected one of {string.Join(", ", ParticipantRoles.All)}.", $"未知角色“{role}”，应为以下之一：{string.Join(", ", ParticipantRoles.All)}。"));
            return null;
        }
        if (ParticipantRoles.CommunityOnly.Contains(role, StringComparer.Ordinal) && participantKind is not null and not "Community")
            task.Error(member, Say.Text($"'{role}' exists only where the participants are communities; this template's participants.kind is {participantKind}.", $"“{role}”只适用于参与单位为社区的模板；本模板的 participants.kind 为 {participantKind}。"));
        return role;
    }

    /// <summary>Reports every repetition of a key after its first use.</summary>
    void CheckUniqueKeys(IEnumerable<(string Key, string Pointer)> keys, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, at) in keys)
            if (key.Length > 0 && !seen.Add(key))
                errors.Add(new(at, Say.Text($"The {what} key '{key}' is used more than once.", $"{what}标识“{key}”重复使用。")));
    }
}
