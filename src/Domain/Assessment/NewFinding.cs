using System.ComponentModel.DataAnnotations;
namespace CommunityWorkflows.Domain.Assessment;

/// <summary>A finding as an inspector records it: any member may be missing or wrong until <see cref="FindingRules"/> says otherwise.</summary>
public sealed record NewFinding(string? OrgUnitCode, string? Description, string? Severity, string? IndicatorCode = null, [property: Required] int? RectifyWithinDays = null);
