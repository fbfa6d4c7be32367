using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Workflows;

namespace CommunityWorkflows.Host.Hosting.Settings;

/// <summary><c>Auth:*</c>: tokens, password hashing, failed-login locks and the login rate.</summary>
sealed class AuthSettings : ISettings
{
    public static string Section => "Auth";

    // the engine's own defaults, written once in CommunityWorkflowsOptions
    static readonly CommunityWorkflowsOptions Engine = new();

    public TimeSpan TokenLifetime { get; set; } = Engine.TokenLifetime;

    /// <summary>ASP.NET Core Identity's default; stored with each hash, so a change applies to passwords set afterwards.</summary>
    public int PasswordHashIterations { get; set; } = Engine.PasswordHashIterations;

    public int MaxFailedLogins { get; set; } = Engine.LoginThrottle.MaxFailures;

    public int MaxFailedLoginsPerAddress { get; set; } = Engine.LoginThrottle.MaxAddressFailures;

    public TimeSpan LockoutDuration { get; set; } = Engine.LoginThrottle.LockFor;

    public int LoginsPerMinutePerAddress { get; set; } = 30;

    public LoginThrottle LoginThrottle => new(MaxFailedLogins, LockoutDuration, MaxFailedLoginsPerAddress);

    public IEnumerable<string> Problems()
    {
        if (TokenLifetime <= TimeSpan.Zero) yield return "Auth:TokenLifetime must be positive.";
        if (PasswordHashIterations < 1) yield return "Auth:PasswordHashIterations must be at least 1.";
        if (MaxFailedLogins < 1) yield return "Auth:MaxFailedLogins must be at least 1.";
        if (MaxFailedLoginsPerAddress < 1) yield return "Auth:MaxFailedLoginsPerAddress must be at least 1.";
        if (LockoutDuration <= TimeSpan.Zero) yield return "Auth:LockoutDuration must be positive.";
        if (LoginsPerMinutePerAddress < 1) yield return "Auth:LoginsPerMinutePerAddress must be at least 1.";
    }
}
