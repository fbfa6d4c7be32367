namespace CommunityWorkflows.Host.Embedded;

/// <summary>No PostgreSQL server programs on this machine: the message says what to install.</summary>
sealed class PostgresNotInstalledException() : Exception(PostgresBinaries.InstallHint);
