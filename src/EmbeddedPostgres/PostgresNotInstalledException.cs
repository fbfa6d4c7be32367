namespace CommunityWorkflows.EmbeddedPostgres;

/// <summary>No PostgreSQL server programs on this machine: the message says what to install.</summary>
public sealed class PostgresNotInstalledException() : Exception(PostgresBinaries.InstallHint);
