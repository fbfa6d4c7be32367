using CommunityWorkflows.Domain.Liaison;

namespace CommunityWorkflows.Host.Hosting.Settings;

/// <summary><c>Liaison:Weights:*</c>: the shares of targets met, problems resolved and visits made.</summary>
sealed class LiaisonWeightsSettings
{
    public decimal Targets { get; set; } = LiaisonAssessmentWeights.Default.Targets;

    public decimal Problems { get; set; } = LiaisonAssessmentWeights.Default.Problems;

    public decimal Visits { get; set; } = LiaisonAssessmentWeights.Default.Visits;
}
