namespace CommunityWorkflows.Host.Hosting.Settings;

/// <summary>A setting whose value never reaches the log (<see cref="SettingsLog"/> writes <c>***</c> when it is set).</summary>
[AttributeUsage(AttributeTargets.Property)]
sealed class SecretAttribute : Attribute;
