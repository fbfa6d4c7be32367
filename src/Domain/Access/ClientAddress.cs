using System.Net;
using System.Net.Sockets;

namespace CommunityWorkflows.Domain.Access;

/// <summary>The client address failed logins are counted by.</summary>
public static class ClientAddress
{
    public const string Unknown = "unknown";

    /// <summary>
    /// An IPv4 address as written; an IPv6 address by its /64, since one subscriber is handed a whole /64 and
    /// could otherwise take a fresh address for every few guesses.
    /// </summary>
    public static string Key(IPAddress? address)
    {
        if (address is null) return Unknown;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
