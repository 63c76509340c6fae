using System.Net;
using System.Net.Sockets;

namespace Dashboard.Auth;

/// <summary>
/// The client address sign-in limits count by: the connection's peer (behind a reverse proxy, that is the proxy unless
/// forwarded headers are configured), with an IPv6 client counted by its /64 — one subscriber's network, where a
/// single machine can pick any of 2^64 addresses.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext http) => Of(http.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
