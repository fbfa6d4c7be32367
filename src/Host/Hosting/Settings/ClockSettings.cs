using CommunityWorkflows.Domain.Text;
using CommunityWorkflows.Workflows;

namespace CommunityWorkflows.Host.Hosting.Settings;

/// <summary><c>Clock:*</c>: system time, or a simulated clock an administrator advances.</summary>
sealed class ClockSettings : ISettings
{
    public static string Section => "Clock";

    /// <summary><c>System</c> or <c>Simulated</c>, by name only (no numbers).</summary>
    public string Mode { get; set; } = nameof(ClockMode.System);

    /// <summary>Where a simulated clock starts; now when unset.</summary>
    public DateTimeOffset? Start { get; set; }

    public ClockMode ClockMode => EnumText.TryParse<ClockMode>(Mode, out var mode) ? mode : ClockMode.System;

    bool IsKnown => string.IsNullOrEmpty(Mode) || EnumText.TryParse<ClockMode>(Mode, out _);

    public IEnumerable<string> Problems()
    {
        if (!IsKnown) yield return $"Clock:Mode must be System or Simulated, not '{Mode}'.";
    }
}
