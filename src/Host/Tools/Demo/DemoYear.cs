using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Errors;
using CommunityWorkflows.Workflows.Accounts;
using CommunityWorkflows.Workflows.Clock;
using CommunityWorkflows.Workflows.Definitions;
using CommunityWorkflows.Workflows.Runtime;

namespace CommunityWorkflows.Host.Tools.Demo;

/// <summary>
/// The demo city's year up to <c>until</c>, made the way a year happens: the default template launched over the city
/// in early January, then the simulated clock moved forward moment by moment — every reminder, deadline, escalation
/// and meeting occurrence on the way fired by the engine's own timers and cadences — and at each moment a demo person
/// acts through the engine's commands (<see cref="DemoYearTasks"/>, <see cref="DemoYearFindings"/>,
/// <see cref="DemoYearMeetings"/>, <see cref="DemoYearLiaisonVisits"/>). Nothing is written as rows.
/// Every moment looks before it acts, so a second run adds nothing and a run cut short is completed by the next.
/// Needs the demo city (<see cref="DemoSeeder"/>) and the simulated clock standing at or before the moments to come.
/// </summary>
static class DemoYear
{
    public const string TemplateKey = "annual-responsibility";

    public static async Task<DemoYearSummary> RunAsync(IServiceProvider services, DateTimeOffset until, CancellationToken ct)
    {
        var advancer = services.GetService<ClockAdvancer>()
            ?? throw new InvalidOperationException("The demo year is made under the simulated clock (Clock:Mode=Simulated).");
        var clock = services.GetRequiredService<TimeProvider>();
        async Task AdvanceAsync(DateTimeOffset to)
        {
            if (to > clock.GetUtcNow()) await advancer.AdvanceToAsync(to, ct);
        }

        var users = services.GetRequiredService<Users>();
        var people = new Dictionary<string, Caller>();
        foreach (var username in DemoSeeder.Usernames)
            people[username] = await users.ActAsAsync(username, ct);
        var year = ChinaTime.DateOf(until).Year;
        var launchAt = ChinaTime.At(new DateOnly(year, 1, 2), 9);
        await AdvanceAsync(launchAt < until ? launchAt : until);
        var template = await services.GetRequiredService<Templates>().LoadPublishedAsync(TemplateKey, null, ct);
        var cycle = await CycleAsync(services, template, year, people["demo.admin"], ct);

        var context = new DemoYearContext(services, cycle, template.Definition, until, people);
        var moments = DemoYearTasks.Plan(context)
            .Concat(DemoYearFindings.Plan(context))
            .Concat(DemoYearMeetings.Plan(context))
            .Concat(DemoYearLiaisonVisits.Plan(context))
            .Where(m => m.At <= until)
            .OrderBy(m => m.At) // stable: what one part plans for the same instant keeps its order
            .ToList();
        foreach (var moment in moments)
        {
            await AdvanceAsync(moment.At);
            await moment.Act(ct);
        }
        await AdvanceAsync(until);
        return await DemoYearSummary.ReadAsync(context, ct);
    }

    /// <summary>The running cycle of the default template over the whole city for the year, launched if there is none.</summary>
    static async Task<CycleView> CycleAsync(IServiceProvider services, PublishedTemplate template, int year, Caller admin, CancellationToken ct)
    {
        var queries = services.GetRequiredService<CycleQueries>();
        var existing = (await queries.ListAsync(year, admin, ct)).FirstOrDefault(c => c.TemplateKey == TemplateKey && c.ScopeCode == DemoCity.CityCode);
        if (existing is not null) return await queries.GetAsync(existing.Id, admin, ct); // the list leaves the stages out
        try
        {
            return await services.GetRequiredService<CycleLauncher>().LaunchAsync(
                new LaunchRequest(template.Key, template.Version, template.Definition, year, DemoCity.CityCode), admin, ct);
        }
        catch (ConflictException)
        {
            // launched meanwhile by another process seeding at once
            var launched = (await queries.ListAsync(year, admin, ct)).First(c => c.TemplateKey == TemplateKey && c.ScopeCode == DemoCity.CityCode);
            return await queries.GetAsync(launched.Id, admin, ct);
        }
    }
}
