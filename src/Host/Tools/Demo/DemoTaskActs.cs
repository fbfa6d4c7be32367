using System.Text.Json;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Workflows.Evidence;
using CommunityWorkflows.Workflows.Runtime;

namespace CommunityWorkflows.Host.Tools.Demo;

/// <summary>
/// Submits and reviews a task as whoever around its street may, through <see cref="TaskActions"/>. Each act looks at
/// the task first and does nothing when it is not in the state the act expects, so a repeated run changes nothing.
/// </summary>
sealed class DemoTaskActs(DemoYearContext c)
{
    static readonly byte[] SamplePdf = "%PDF-1.4\n% 演示佐证材料\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    /// <summary>The street's task of the template with this key, or null when its instance has not reached it.</summary>
    public async Task<long?> FindAsync(DemoCity.Street street, string taskKey, CancellationToken ct)
    {
        var queries = c.Get<TaskQueries>();
        var title = c.Template.Stages.SelectMany(s => s.Tasks).Single(t => t.Key == taskKey).Title;
        foreach (var task in await queries.ListAsync(new TaskFilter(null, null, c.Cycle.Id, street.Code, TaskQueries.MaxPageSize, 0), c.Admin, ct))
            if (task.Title == title && (await queries.GetAsync(task.Id, c.Admin, ct)).TaskKey == taskKey)
                return task.Id;
        return null;
    }

    /// <summary>Submits the task if it is Open (or Returned, when <paramref name="again"/>).</summary>
    public async Task SubmitAsync(DemoCity.Street street, long? taskId, string comment, CancellationToken ct, bool again = false)
    {
        if (taskId is not { } id) return;
        var status = (await c.Get<TaskQueries>().GetAsync(id, c.Admin, ct)).Status;
        if (status != "Open" && !(again && status == "Returned")) return;
        var (actor, detail) = await ActorAsync(street, id, review: false, ct);
        if (detail.EvidenceRequired && detail.Evidence.Count == 0)
            await c.Get<EvidenceStore>().AddAsync(id, $"{detail.Title}.pdf", SamplePdf, actor, ct);
        await c.Get<TaskActions>().SubmitAsync(id, FormData(detail, ChinaTime.DateOf(c.Now)), comment, actor, ct);
    }

    /// <summary>Reviews the task if it is Submitted; a Return only if it was never reviewed (a task is sent back once).</summary>
    public async Task ReviewAsync(DemoCity.Street street, long? taskId, string decision, string? comment, CancellationToken ct)
    {
        if (taskId is not { } id) return;
        var current = await c.Get<TaskQueries>().GetAsync(id, c.Admin, ct);
        if (current.Status != "Submitted" || decision == "Return" && current.Reviews.Count > 0) return;
        var (actor, _) = await ActorAsync(street, id, review: true, ct);
        await c.Get<TaskActions>().ReviewAsync(id, decision, comment, actor, ct);
    }

    async Task<(Caller, TaskDetail)> ActorAsync(DemoCity.Street street, long taskId, bool review, CancellationToken ct)
    {
        foreach (var person in c.AroundStreet(street))
        {
            try
            {
                var detail = await c.Get<TaskQueries>().GetAsync(taskId, person, ct);
                if (review ? detail.CanReview : detail.CanSubmit) return (person, detail);
            }
            catch (NotFoundException)
            {
                // outside this person's scope
            }
        }
        throw new InvalidOperationException($"Nobody around {street.Code} may {(review ? "review" : "submit")} task {taskId}.");
    }

    static JsonElement FormData(TaskDetail task, DateOnly day)
    {
        var data = new Dictionary<string, object>();
        foreach (var field in task.Form)
            data[field.Key] = field.Type switch
            {
                "number" or "integer" => field.Min is { } min ? Math.Min(field.Max ?? min + 10, min + 10) : 10,
                "date" => day.ToString("yyyy-MM-dd"),
                "boolean" => true,
                "choice" => field.Options![0],
                _ => $"{field.Label}：按计划推进，详见附件。",
            };
        return JsonSerializer.SerializeToElement(data);
    }
}
