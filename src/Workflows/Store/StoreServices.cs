using Microsoft.Extensions.DependencyInjection;

namespace CommunityWorkflows.Workflows.Store;

static class StoreServices
{
    /// <summary>The migrator, which runs the scripts and then the shipped content the capabilities register.</summary>
    internal static IServiceCollection AddStore(this IServiceCollection services) =>
        services.AddSingleton<Migrator>();

    /// <summary>Has the migrator install <typeparamref name="T"/> under its lock after every migration.</summary>
    internal static IServiceCollection AddShippedContent<T>(this IServiceCollection services) where T : class, IShippedContent =>
        services.AddSingleton<IShippedContent, T>();
}
