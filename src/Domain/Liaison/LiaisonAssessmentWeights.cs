namespace CommunityWorkflows.Domain.Liaison;

/// <summary>The shares of targets met, problems resolved and visits made in a point's assessment score.</summary>
public sealed record LiaisonAssessmentWeights(decimal Targets = 50, decimal Problems = 30, decimal Visits = 20)
{
    public static LiaisonAssessmentWeights Default { get; } = new();

    public decimal Total => Targets + Problems + Visits;

    public override string ToString() => $"targets {Targets} / problems {Problems} / visits {Visits}";
}
