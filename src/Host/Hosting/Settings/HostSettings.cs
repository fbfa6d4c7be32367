using System.Reflection;
using CommunityWorkflows.Workflows;
using Microsoft.Extensions.Options;

namespace CommunityWorkflows.Host.Hosting.Settings;

/// <summary>
/// Every configuration section the host reads, as typed options: bound, validated (a bad value stops start-up with
/// its key named) and registered for <see cref="IOptions{TOptions}"/>; <see cref="Read{T}"/> gives the same values to
/// what is decided while the host is built (Kestrel's limits, whether a job server runs, the engine's options).
/// </summary>
static class HostSettings
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Each settings class, in the order the start-up log lists them.</summary>
    public static readonly Type[] All =
    [
        typeof(ConnectionStringsSettings), typeof(EmbeddedSettings), typeof(BootstrapSettings), typeof(AuthSettings),
        typeof(OrganisationSettings), typeof(LimitsSettings), typeof(HangfireSettings), typeof(ClockSettings),
        typeof(HostingSettings), typeof(SecuritySettings), typeof(MeetingsSettings), typeof(LiaisonSettings),
    ];

    /// <summary>The section bound and checked now; <see cref="OptionsValidationException"/> lists every bad key.</summary>
    public static T Read<T>(IConfiguration configuration) where T : class, ISettings, new()
    {
        var settings = new T();
        Bind(configuration.GetSection(T.Section), settings);
        var problems = settings.Problems().ToList();
        return problems.Count == 0 ? settings : throw new OptionsValidationException(T.Section, typeof(T), problems);
    }

    public static IServiceCollection AddHostSettings(this IServiceCollection services, IConfiguration configuration)
    {
        Add<ConnectionStringsSettings>(services, configuration);
        Add<EmbeddedSettings>(services, configuration);
        Add<BootstrapSettings>(services, configuration);
        Add<AuthSettings>(services, configuration);
        Add<OrganisationSettings>(services, configuration);
        Add<LimitsSettings>(services, configuration);
        Add<HangfireSettings>(services, configuration);
        Add<ClockSettings>(services, configuration);
        Add<HostingSettings>(services, configuration);
        Add<SecuritySettings>(services, configuration);
        Add<MeetingsSettings>(services, configuration);
        Add<LiaisonSettings>(services, configuration);
        return services;
    }

    static void Add<T>(IServiceCollection services, IConfiguration configuration) where T : class, ISettings
    {
        services.AddOptions<T>().Configure(o => Bind(configuration.GetSection(T.Section), o)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>, SettingsValidation<T>>();
    }

    /// <summary>
    /// The configuration binder, except that a configured list replaces the default one: the binder alone merges
    /// them by index (<c>[3]</c> over a default <c>[7, 1]</c> would give <c>[3, 1]</c>).
    /// </summary>
    static void Bind(IConfigurationSection section, object settings)
    {
        section.Bind(settings);
        foreach (var property in settings.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (property.PropertyType.IsArray && section.GetSection(property.Name) is { } list && list.Exists())
                property.SetValue(settings, list.Get(property.PropertyType));
    }

    /// <summary>The engine's options from the host's settings.</summary>
    public static void Apply(IConfiguration configuration, CommunityWorkflowsOptions o, string connectionString)
    {
        var auth = Read<AuthSettings>(configuration);
        var clock = Read<ClockSettings>(configuration);
        o.ConnectionString = connectionString;
        o.PartyOrgThresholds = Read<OrganisationSettings>(configuration).Thresholds;
        o.TokenLifetime = auth.TokenLifetime;
        o.PasswordHashIterations = auth.PasswordHashIterations;
        o.LoginThrottle = auth.LoginThrottle;
        o.Clock = clock.ClockMode;
        o.SimulatedClockStart = clock.Start;
        o.Liaison = Read<LiaisonSettings>(configuration).Policy;
    }
}
