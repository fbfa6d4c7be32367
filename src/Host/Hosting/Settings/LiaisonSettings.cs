using CommunityWorkflows.Domain.Liaison;

namespace CommunityWorkflows.Host.Hosting.Settings;

/// <summary><c>Liaison:*</c>: the visit clock, problem reminders and escalation, and the assessment formula.</summary>
sealed class LiaisonSettings : ISettings
{
    public static string Section => "Liaison";

    static LiaisonPolicy Defaults => LiaisonPolicy.Default;

    public int VisitDueAfterDays { get; set; } = Defaults.VisitDueAfterDays;

    public int ExpectedVisitsPerYear { get; set; } = Defaults.ExpectedVisitsPerYear;

    /// <summary>Days before a problem's due date; a configured list replaces this one (see <see cref="HostSettings"/>).</summary>
    public int[] ProblemReminderDays { get; set; } = [.. Defaults.ProblemReminderDays];

    public int[] ProblemEscalationWorkdays { get; set; } = [.. Defaults.ProblemEscalationWorkdays];

    public LiaisonWeightsSettings Weights { get; set; } = new();

    public decimal LateResolutionCredit { get; set; } = Defaults.LateResolutionCredit;

    public LiaisonPolicy Policy => new(VisitDueAfterDays, ExpectedVisitsPerYear, ProblemReminderDays, ProblemEscalationWorkdays,
        new LiaisonAssessmentWeights(Weights.Targets, Weights.Problems, Weights.Visits), LateResolutionCredit);

    public IEnumerable<string> Problems()
    {
        if (VisitDueAfterDays is < 1 or > LiaisonPolicy.MaxVisitDueAfterDays)
            yield return $"Liaison:VisitDueAfterDays must be between 1 and {LiaisonPolicy.MaxVisitDueAfterDays}.";
        if (ExpectedVisitsPerYear is < 1 or > LiaisonPolicy.MaxExpectedVisitsPerYear)
            yield return $"Liaison:ExpectedVisitsPerYear must be between 1 and {LiaisonPolicy.MaxExpectedVisitsPerYear}.";
        if (ProblemReminderDays.Length > LiaisonPolicy.MaxSteps || ProblemReminderDays.Any(d => d is < 1 or > LiaisonPolicy.MaxProblemReminderDays)
            || ProblemReminderDays.Distinct().Count() != ProblemReminderDays.Length)
            yield return $"Liaison:ProblemReminderDays must be at most {LiaisonPolicy.MaxSteps} distinct whole days, each between 1 and {LiaisonPolicy.MaxProblemReminderDays}.";
        if (ProblemEscalationWorkdays.Length > LiaisonPolicy.MaxSteps || ProblemEscalationWorkdays.Any(d => d is < 1 or > LiaisonPolicy.MaxProblemEscalationWorkdays)
            || !ProblemEscalationWorkdays.SequenceEqual(ProblemEscalationWorkdays.Order().Distinct()))
            yield return $"Liaison:ProblemEscalationWorkdays must be at most {LiaisonPolicy.MaxSteps} rising working days, each between 1 and {LiaisonPolicy.MaxProblemEscalationWorkdays}.";
        if (new[] { Weights.Targets, Weights.Problems, Weights.Visits }.Any(w => w is < 0 or > LiaisonPolicy.MaxWeight) || Weights.Targets + Weights.Problems + Weights.Visits <= 0)
            yield return $"Liaison:Weights:Targets, Liaison:Weights:Problems and Liaison:Weights:Visits (the assessment weights) must each be between 0 and {LiaisonPolicy.MaxWeight}, and must not all be zero.";
        if (LateResolutionCredit is < 0 or > 1) yield return "Liaison:LateResolutionCredit must be between 0 and 1.";
    }
}
