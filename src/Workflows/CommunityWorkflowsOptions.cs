using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Organisation;

namespace CommunityWorkflows.Workflows;

public enum ClockMode
{
    System,
    Simulated,
}

/// <summary>Everything the engine is configured with; validated once at start-up.</summary>
public sealed class CommunityWorkflowsOptions
{
    /// <summary>The PostgreSQL database holding state, journal and Hangfire's schema.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Member counts that suggest a branch, a general branch or a committee.</summary>
    public PartyOrgThresholds PartyOrgThresholds { get; set; } = PartyOrgThresholds.Default;

    /// <summary>How long an access token issued at login stays valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>PBKDF2 iterations for new password hashes (ASP.NET Core Identity's default); lower only in tests.</summary>
    public int PasswordHashIterations { get; set; } = 100_000;

    /// <summary>Failed logins from one address before it is locked out of an account, or out of every account, and for how long.</summary>
    public LoginThrottle LoginThrottle { get; set; } = LoginThrottle.Default;

    /// <summary>System time, or a simulated clock moved by <see cref="Clock.ClockAdvancer"/>.</summary>
    public ClockMode Clock { get; set; } = ClockMode.System;

    /// <summary>Where a simulated clock starts; now when unset.</summary>
    public DateTimeOffset? SimulatedClockStart { get; set; }

    /// <summary>Liaison points: days without a visit before the leader is reminded, problem reminders and escalation, assessment weights.</summary>
    public LiaisonPolicy Liaison { get; set; } = LiaisonPolicy.Default;


    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString)) yield return "ConnectionString is required.";
        foreach (var p in PartyOrgThresholds.Problems()) yield return p;
        if (TokenLifetime <= TimeSpan.Zero) yield return "TokenLifetime must be positive.";
        if (PasswordHashIterations < 1) yield return "PasswordHashIterations must be positive.";
        foreach (var p in LoginThrottle.Problems()) yield return p;
        foreach (var p in Liaison.Problems()) yield return p;
    }
}
