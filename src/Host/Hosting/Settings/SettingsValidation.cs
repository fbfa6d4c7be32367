using Microsoft.Extensions.Options;

namespace CommunityWorkflows.Host.Hosting.Settings;

/// <summary>The options pattern's check of a settings class: its own <see cref="ISettings.Problems"/>.</summary>
sealed class SettingsValidation<T> : IValidateOptions<T> where T : class, ISettings
{
    public ValidateOptionsResult Validate(string? name, T options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
