namespace CommunityWorkflows.Host.Hosting.Settings;

/// <summary>
/// A configuration section the host reads, bound to a class whose property initialisers are the defaults
/// (appsettings.json keeps only what differs). <see cref="Problems"/> names each bad value by its full key.
/// </summary>
interface ISettings
{
    static abstract string Section { get; }

    IEnumerable<string> Problems();
}
