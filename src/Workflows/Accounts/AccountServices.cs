using Microsoft.Extensions.DependencyInjection;

namespace CommunityWorkflows.Workflows.Accounts;

static class AccountServices
{
    /// <summary>Users, logins, tokens and profiles (the password hasher and security clock come with the options).</summary>
    internal static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddSingleton<Users>();
        services.AddSingleton<UserQueries>();
        services.AddSingleton<LoginAttempts>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<FeedTokens>();
        services.AddSingleton<Profiles>();
        return services;
    }
}
