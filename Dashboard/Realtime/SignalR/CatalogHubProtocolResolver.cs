using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Dashboard.Realtime.SignalR;

/// <summary>
/// The registered hub protocols by name (the last registration of a name wins, as SignalR's own resolver does), with the
/// JSON one wrapped in <see cref="CatalogHubProtocol"/>. Replacing the resolver, not the JSON registration, keeps this
/// independent of how often and in which order the app and Blazor call <c>AddSignalR()</c>.
/// </summary>
public sealed class CatalogHubProtocolResolver : IHubProtocolResolver
{
    private readonly Dictionary<string, IHubProtocol> _protocols = new(StringComparer.OrdinalIgnoreCase);

    public CatalogHubProtocolResolver(IEnumerable<IHubProtocol> protocols, RealtimeCatalog catalog)
    {
        foreach (var protocol in protocols)
        {
            _protocols[protocol.Name] = protocol is JsonHubProtocol ? new CatalogHubProtocol(protocol, catalog) : protocol;
        }

        AllProtocols = [.. _protocols.Values];
    }

    public IReadOnlyList<IHubProtocol> AllProtocols { get; }

    public IHubProtocol? GetProtocol(string protocolName, IReadOnlyList<string>? supportedProtocols) =>
        _protocols.TryGetValue(protocolName, out var protocol)
            && (supportedProtocols is null || supportedProtocols.Contains(protocolName, StringComparer.OrdinalIgnoreCase))
            ? protocol
            : null;
}
