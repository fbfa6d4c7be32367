namespace CommunityWorkflows.Workflows.Accounts;

/// <summary>
/// The clock that token lifetimes and login locks are measured on: the wall clock, even when the domain's
/// clock is simulated — moving a simulated year forward must not sign everybody out.
/// </summary>
public sealed class SecurityClock(TimeProvider time)
{
    public DateTimeOffset UtcNow => time.GetUtcNow();

    internal TimeProvider Time => time;
}
