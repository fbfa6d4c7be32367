using Microsoft.Extensions.DependencyInjection;

namespace CommunityWorkflows.Workflows.Commands;

static class CommandServices
{
    /// <summary>The command runner: every command's one transaction, its journal entries and notices.</summary>
    internal static IServiceCollection AddCommands(this IServiceCollection services) =>
        services.AddSingleton<CommandRunner>();
}
