using CommunityWorkflows.Domain.Access;
using CommunityWorkflows.Domain.Liaison;
using CommunityWorkflows.Domain.Organisation;
using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows;

namespace CommunityWorkflows.Host.Hosting;

/// <summary>The configuration keys the host reads, turned into the engine's options (defaults in appsettings.json).</summary>
static class HostSettings
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static void Apply(IConfiguration c, CommunityWorkflowsOptions o, string connectionString)
    {
        o.ConnectionString = connectionString;
        var defaults = PartyOrgThresholds.Default;
        o.PartyOrgThresholds = new PartyOrgThresholds(
            c.GetValue("Organisation:BranchThreshold", defaults.Branch),
            c.GetValue("Organisation:GeneralBranchThreshold", defaults.GeneralBranch),
            c.GetValue("Organisation:CommitteeThreshold", defaults.Committee));
        o.TokenLifetime = c.GetValue("Auth:TokenLifetime", o.TokenLifetime);
        o.PasswordHashIterations = c.GetValue("Auth:PasswordHashIterations", o.PasswordHashIterations);
        var mode = c["Clock:Mode"];
        o.Clock = string.IsNullOrEmpty(mode) ? ClockMode.System
            : EnumText.TryParse<ClockMode>(mode, out var m) ? m
            : throw new InvalidOperationException($"Clock:Mode must be System or Simulated, not '{mode}'.");
        o.SimulatedClockStart = c.GetValue<DateTimeOffset?>("Clock:Start");
        o.LoginThrottle = new LoginThrottle(
            c.GetValue("Auth:MaxFailedLogins", LoginThrottle.Default.MaxFailures),
            c.GetValue("Auth:LockoutDuration", LoginThrottle.Default.LockFor),
            c.GetValue("Auth:MaxFailedLoginsPerAddress", LoginThrottle.Default.MaxAddressFailures));
        o.Liaison = Liaison(c);
    }

    /// <summary>The <c>Liaison:*</c> keys; each left out keeps <see cref="LiaisonPolicy.Default"/>'s value.</summary>
    static LiaisonPolicy Liaison(IConfiguration c)
    {
        var d = LiaisonPolicy.Default;
        var weights = d.Weights;
        return new LiaisonPolicy(
            c.GetValue("Liaison:VisitDueAfterDays", d.VisitDueAfterDays),
            c.GetValue("Liaison:ExpectedVisitsPerYear", d.ExpectedVisitsPerYear),
            c.GetSection("Liaison:ProblemReminderDays").Get<int[]>() ?? [.. d.ProblemReminderDays],
            c.GetSection("Liaison:ProblemEscalationWorkdays").Get<int[]>() ?? [.. d.ProblemEscalationWorkdays],
            new LiaisonAssessmentWeights(
                c.GetValue("Liaison:Weights:Targets", weights.Targets),
                c.GetValue("Liaison:Weights:Problems", weights.Problems),
                c.GetValue("Liaison:Weights:Visits", weights.Visits)),
            c.GetValue("Liaison:LateResolutionCredit", d.LateResolutionCredit));
    }

    /// <summary>Largest request body in bytes (everything but imports and uploads).</summary>
    public static long MaxRequestBytes(IConfiguration c) => c.GetValue("Limits:MaxRequestBytes", 1L << 20);

    /// <summary>Largest organisation import in bytes.</summary>
    public static long MaxImportBytes(IConfiguration c) => c.GetValue("Limits:MaxImportBytes", 64L << 20);

    /// <summary>Logins accepted per minute from one address (beyond: 429), on top of the per-account lock.</summary>
    public static int LoginsPerMinute(IConfiguration c) => c.GetValue("Auth:LoginsPerMinutePerAddress", 30);

    /// <summary>Addresses of the reverse proxies whose X-Forwarded-For is believed (<c>Hosting:TrustedProxies</c>, comma-separated).</summary>
    public static IReadOnlyList<System.Net.IPAddress> TrustedProxies(IConfiguration c) =>
        (c["Hosting:TrustedProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => System.Net.IPAddress.TryParse(p, out var ip) ? ip : throw new InvalidOperationException($"Hosting:TrustedProxies: '{p}' is not an IP address."))
            .ToList();

    /// <summary>
    /// The address people reach the product at (<c>Hosting:PublicUrl</c>, e.g. <c>https://djzz.example.gov.cn</c>), for
    /// links handed out to be used elsewhere (calendar subscriptions); null when unset: the request's own address.
    /// </summary>
    public static Uri? PublicUrl(IConfiguration c) =>
        c["Hosting:PublicUrl"] is not { Length: > 0 } text ? null
        : Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.Query.Length == 0 ? url
        : throw new InvalidOperationException($"Hosting:PublicUrl: '{text}' is not an absolute http(s) address without a query.");

    /// <summary>Largest evidence file in bytes.</summary>
    public static long MaxEvidenceBytes(IConfiguration c) => c.GetValue("Limits:MaxEvidenceBytes", 20L << 20);

    /// <summary>Whether this process runs a Hangfire server (off for tools and for tests that drive jobs by hand).</summary>
    public static bool RunsJobServer(IConfiguration c) => c.GetValue("Hangfire:Server", true);

    /// <summary>Whether this host serves the Hangfire dashboard at /hangfire (mapping it opens Hangfire's storage).</summary>
    public static bool ServesJobDashboard(IConfiguration c) => c.GetValue("Hangfire:Dashboard", true);
}
