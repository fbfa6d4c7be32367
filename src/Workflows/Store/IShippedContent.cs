using Npgsql;

namespace CommunityWorkflows.Workflows.Store;

/// <summary>
/// Content a capability ships with the engine (business calendars, default templates, meeting cadences), registered
/// with <see cref="StoreServices.AddShippedContent{T}"/>. The <see cref="Migrator"/> installs each after the scripts,
/// on its lock connection and in <see cref="Order"/>; an installer leaves alone what the database already has.
/// </summary>
public interface IShippedContent
{
    /// <summary>Lower first: content that refers to other shipped content comes after it.</summary>
    int Order { get; }

    Task InstallAsync(NpgsqlConnection connection, CancellationToken ct);
}
