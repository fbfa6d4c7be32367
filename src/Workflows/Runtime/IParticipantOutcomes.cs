using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Assessment;

namespace CommunityWorkflows.Workflows.Runtime;

/// <summary>
/// The outcome (total, grade) of each participant of a cycle that <see cref="CycleQueries"/> lists, by org unit
/// code; the assessment answers it, so that cycles need not know how results are made.
/// </summary>
public interface IParticipantOutcomes
{
    Task<IReadOnlyDictionary<string, AssessmentOutcome>> OutcomesAsync(long cycleId, Caller caller, CancellationToken ct);
}
