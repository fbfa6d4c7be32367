using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Calendar;
using CommunityWorkflows.Domain.Definitions;
using CommunityWorkflows.Workflows.Runtime;

namespace CommunityWorkflows.Host.Tools.Demo;

/// <summary>What every part of the demo year needs: the engine, the year's cycle, the people and the instant it stops at.</summary>
sealed class DemoYearContext(IServiceProvider services, CycleView cycle, TemplateDefinition template, DateTimeOffset until, IReadOnlyDictionary<string, Caller> people)
{
    /// <summary>The streets in the order the demo gives them their parts (the cycle's participants).</summary>
    public static readonly IReadOnlyList<DemoCity.Street> Streets = DemoCity.Districts.SelectMany(d => d.Streets).ToList();

    public CycleView Cycle => cycle;

    public TemplateDefinition Template => template;

    public int Year => cycle.Year;

    public DateTimeOffset Until => until;

    public Caller Admin => people["demo.admin"];

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public Caller As(string username) => people[username];

    public DateTimeOffset Now => Get<TimeProvider>().GetUtcNow();

    public DateTimeOffset At(int month, int day, int hour = 10) => ChinaTime.At(new DateOnly(Year, month, day), hour);

    public static DemoCity.District DistrictOf(DemoCity.Street street) => DemoCity.Districts.Single(d => d.Streets.Contains(street));

    /// <summary>dh / xs: the prefix of a district's people.</summary>
    public static string PrefixOf(DemoCity.District district) => district.Code[3..].ToLowerInvariant();

    /// <summary>The people who may act on a street's things, in the order they are asked.</summary>
    public IEnumerable<Caller> AroundStreet(DemoCity.Street street)
    {
        var d = PrefixOf(DistrictOf(street));
        foreach (var username in new[] { $"{street.Prefix}.secretary", $"{d}.admin", $"{d}.secretary", $"{d}.inspector", "city.inspector" })
            yield return people[username];
    }
}
