using System.Text.Json;
using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Host.Tools.Demo;
using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Clock;
using CommunityWorkflows.Workflows.Definitions;
using CommunityWorkflows.Workflows.Evidence;
using CommunityWorkflows.Workflows.Runtime;
using Npgsql;

namespace CommunityWorkflows.Host.Tools.Simulation;

/// <summary>
/// A year of the default template over the demo city under the simulated clock. Day by day the clock moves
/// to 10:00 (firing every reminder, deadline and escalation on the way) and the people act as people do:
/// most submit before the deadline, some late, a few never; reviewers send about one in five back once.
/// Each month that saw anything gets a line saying what (<see cref="MonthTally"/>). The same seed gives the same year.
/// </summary>
sealed class YearSimulation(IServiceProvider services, int year, int seed)
{
    public const string TemplateKey = "annual-responsibility";
    static readonly byte[] SamplePdf = "%PDF-1.4\n% 模拟佐证材料\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    sealed record Plan(DateOnly? SubmitOn, bool ReturnOnce);

    readonly Dictionary<long, Plan> plans = [];
    readonly Dictionary<long, DateOnly> submittedOn = [];
    readonly Dictionary<(long, bool), Caller> actors = [];

    public async Task<long> RunAsync(TextWriter progress, CancellationToken ct)
    {
        await DemoSeeder.SeedAsync(services, TextWriter.Null, ct);
        var users = services.GetRequiredService<Users>();
        var admin = await users.ActAsAsync("demo.admin", ct);
        var people = new List<Caller>();
        foreach (var username in DemoSeeder.Usernames.Where(u => u != "demo.admin"))
            people.Add(await users.ActAsAsync(username, ct));
        var template = await services.GetRequiredService<Templates>().LoadPublishedAsync(TemplateKey, null, ct);
        var cycle = await services.GetRequiredService<CycleLauncher>().LaunchAsync(
            new LaunchRequest(template.Key, template.Version, template.Definition, year, DemoCity.CityCode), admin, ct);
        await progress.WriteLineAsync($"Launched {template.Key} v{template.Version} for {year} over {DemoCity.CityCode}: {cycle.ParticipantCount} participants.");

        var advancer = services.GetRequiredService<ClockAdvancer>();
        var last = ChinaTime.DateOf(cycle.Stages[^1].DueAt).AddDays(30);
        var first = ChinaTime.DateOf(services.GetRequiredService<TimeProvider>().GetUtcNow());
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            await advancer.AdvanceToAsync(ChinaTime.At(day, 10), ct);
            await ActAsync(cycle.Id, day, admin, people, ct);
            // at 10:00 on the 1st the month before is over, the deadlines of its last day fired
            if (day.Day == 1 && day > first) await ReportMonthAsync(cycle.Id, day.AddMonths(-1), progress, ct);
        }
        await ReportMonthAsync(cycle.Id, last, progress, ct);
        return cycle.Id;
    }

    async Task ReportMonthAsync(long cycleId, DateOnly month, TextWriter progress, CancellationToken ct)
    {
        var tally = await MonthTally.ReadAsync(services.GetRequiredService<NpgsqlDataSource>(), cycleId, month, ct);
        if (tally.Line() is { } line) await progress.WriteLineAsync(line);
    }

    async Task ActAsync(long cycleId, DateOnly day, Caller admin, List<Caller> people, CancellationToken ct)
    {
        var queries = services.GetRequiredService<TaskQueries>();
        var actions = services.GetRequiredService<TaskActions>();
        foreach (var task in await queries.ListAsync(new TaskFilter(null, null, cycleId, null, TaskQueries.MaxPageSize, 0), admin, ct))
        {
            switch (task.Status)
            {
                case "Open" or "Returned":
                    var plan = PlanFor(task, day);
                    var due = task.Status == "Returned" ? submittedOn[task.Id].AddDays(3) : plan.SubmitOn;
                    if (due is null || day < due) continue;
                    var assignee = await ActorAsync(task.Id, review: false, people, ct);
                    var detail = await queries.GetAsync(task.Id, assignee, ct);
                    if (detail.EvidenceRequired && detail.Evidence.Count == 0)
                        await services.GetRequiredService<EvidenceStore>().AddAsync(task.Id, $"{task.Title}.pdf", SamplePdf, assignee, ct);
                    await actions.SubmitAsync(task.Id, FormData(detail, day), "按要求报送", assignee, ct);
                    submittedOn[task.Id] = day;
                    break;
                case "Submitted" when day > submittedOn.GetValueOrDefault(task.Id, day):
                    var reviewer = await ActorAsync(task.Id, review: true, people, ct);
                    var reviews = (await queries.GetAsync(task.Id, reviewer, ct)).Reviews.Count;
                    if (PlanFor(task, day).ReturnOnce && reviews == 0)
                        await actions.ReviewAsync(task.Id, "Return", "材料不够具体，请补充完善后重新报送。", reviewer, ct);
                    else
                        await actions.ReviewAsync(task.Id, "Accept", null, reviewer, ct);
                    submittedOn[task.Id] = day;
                    break;
            }
        }
    }

    /// <summary>70% on time, 20% up to a fortnight late, 10% never; a fifth sent back once.</summary>
    Plan PlanFor(TaskView task, DateOnly today)
    {
        if (plans.TryGetValue(task.Id, out var known)) return known;
        var random = new Random(unchecked(seed * 1_000_003 + (int)task.Id)); // not HashCode.Combine: it is seeded afresh in every process
        var due = ChinaTime.DateOf(task.DueAt!.Value);
        var roll = random.NextDouble();
        DateOnly? submitOn = roll switch
        {
            < 0.7 => today.AddDays(random.Next(1, Math.Max(2, due.DayNumber - today.DayNumber))),
            < 0.9 => due.AddDays(random.Next(2, 15)),
            _ => null,
        };
        return plans[task.Id] = new Plan(submitOn, random.NextDouble() < 0.2);
    }

    async Task<Caller> ActorAsync(long taskId, bool review, List<Caller> people, CancellationToken ct)
    {
        if (actors.TryGetValue((taskId, review), out var known)) return known;
        var queries = services.GetRequiredService<TaskQueries>();
        foreach (var person in people)
        {
            try
            {
                var detail = await queries.GetAsync(taskId, person, ct);
                if (review ? detail.CanReview : detail.CanSubmit) return actors[(taskId, review)] = person;
            }
            catch (Domain.Errors.NotFoundException)
            {
                // outside this person's scope
            }
        }
        throw new InvalidOperationException($"Nobody in the demo city may {(review ? "review" : "submit")} task {taskId}.");
    }

    static JsonElement FormData(TaskDetail task, DateOnly day)
    {
        var data = new Dictionary<string, object>();
        foreach (var field in task.Form)
            data[field.Key] = field.Type switch
            {
                "number" or "integer" => field.Min is { } min ? Math.Max(min, Math.Min(field.Max ?? min + 10, min + 10)) : 10,
                "date" => day.ToString("yyyy-MM-dd"),
                "boolean" => true,
                "choice" => field.Options![0],
                _ => $"{field.Label}：按计划推进，详见附件。",
            };
        return JsonSerializer.SerializeToElement(data);
    }
}
