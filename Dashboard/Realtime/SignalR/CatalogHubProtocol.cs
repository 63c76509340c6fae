using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Dashboard.Realtime.SignalR;

/// <summary>
/// The JSON hub protocol, with catalog commands routed to one hub method. SignalR finds hub methods by reflection, once;
/// the catalog grows with features. So a client's <c>invoke("payment:add", payload)</c> is bound here — the arguments as
/// the command declares them (none, or one payload kept as JSON) — and handed to the hub as
/// <c>invoke(<see cref="LiveHub.DispatchMethod"/>, "payment:add", payload)</c>, through the hub's filter, authorization and
/// limits as any call. Names the hub declares itself (<c>events:since</c>) and unknown names pass through untouched, so
/// SignalR answers those as it always does. See docs/decisions/0014-real-time-catalog-by-feature.md.
/// </summary>
/// <remarks>
/// Only a hub that has the dispatch method gets routed calls (Blazor's circuit hub speaks another protocol anyway), and
/// no client may call the dispatch method by its own name.
/// </remarks>
public sealed class CatalogHubProtocol(IHubProtocol inner, RealtimeCatalog catalog) : IHubProtocol
{
    private static readonly Type[] NoArguments = [];
    private static readonly Type[] OnePayload = [typeof(JsonElement?)];

    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message)
    {
        var routing = new RoutingBinder(binder, catalog);
        if (!inner.TryParseMessage(ref input, routing, out message))
        {
            return false;
        }

        if (message is InvocationMessage invocation && routing.Routed(invocation.Target))
        {
            var payload = invocation.Arguments.Length > 0 ? invocation.Arguments[0] : null;
            message = new InvocationMessage(invocation.InvocationId, LiveHub.DispatchMethod, [invocation.Target, payload], invocation.StreamIds)
            {
                Headers = invocation.Headers,
            };
        }

        return true;
    }

    /// <summary>Binds a catalog command's arguments on a hub that dispatches from the catalog; anything else as the hub says.</summary>
    private sealed class RoutingBinder(IInvocationBinder hub, RealtimeCatalog catalog) : IInvocationBinder
    {
        private string? _routed;

        public bool Routed(string target) => string.Equals(_routed, target, StringComparison.Ordinal);

        public IReadOnlyList<Type> GetParameterTypes(string methodName)
        {
            if (string.Equals(methodName, LiveHub.DispatchMethod, StringComparison.OrdinalIgnoreCase))
            {
                throw new HubException($"Unknown hub method '{methodName}'.");
            }

            if (catalog.TryGetCommand(methodName, out var command) && Dispatches())
            {
                _routed = methodName;
                return command.TakesPayload ? OnePayload : NoArguments;
            }

            return hub.GetParameterTypes(methodName);
        }

        public Type GetReturnType(string invocationId) => hub.GetReturnType(invocationId);

        public Type GetStreamItemType(string streamId) => hub.GetStreamItemType(streamId);

        public string? GetTarget(ReadOnlySpan<byte> utf8Bytes) => hub.GetTarget(utf8Bytes);

        private bool Dispatches()
        {
            try
            {
                return hub.GetParameterTypes(LiveHub.DispatchMethod).Count == 2;
            }
            catch (HubException)
            {
                return false;
            }
        }
    }
}
