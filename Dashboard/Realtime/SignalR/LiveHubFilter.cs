using System.Collections.Concurrent;
using System.Reflection;
using Dashboard.Domain.Common;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Realtime.SignalR;

/// <summary>
/// Around every hub call: the per-connection rate limit, metrics, and the error contract — a rejected call gets the
/// <c>error</c> event and returns <c>{ error: { message, code } }</c>; the connection stays up.
/// </summary>
public sealed class LiveHubFilter(ConnectionRateLimits limits, RealtimeMetrics metrics, ILogger<LiveHubFilter> logger) : IHubFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, string> WireNames = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var invocation = invocationContext;
        var name = WireName(invocation);
        metrics.Received(name, LiveHub.Transport);
        if (!limits.TryAcquire(invocation.Context.ConnectionId))
        {
            return await RejectAsync(invocation, RealtimeError.RateLimited());
        }

        try
        {
            return await next(invocation);
        }
        catch (Exception ex) when (ex is not HubException)
        {
            if (ex is not DomainException)
            {
                logger.LogError(ex, "Hub call {Method} failed", name);
            }

            return await RejectAsync(invocation, RealtimeError.From(ex));
        }
    }

    /// <summary>The catalog name the client used (<c>payment:add</c>), not the C# method's.</summary>
    private static string WireName(HubInvocationContext invocation) =>
        invocation.HubMethod.Name == nameof(LiveHub.Dispatch) && invocation.HubMethodArguments is [string command, ..]
            ? command
            : WireNames.GetOrAdd(invocation.HubMethod, m => m.GetCustomAttribute<HubMethodNameAttribute>()?.Name ?? m.Name);

    private async Task<object?> RejectAsync(HubInvocationContext invocation, RealtimeError error)
    {
        metrics.Failed(error.Code);
        try
        {
            await invocation.Hub.Clients.Caller.SendAsync(EventCatalog.Error, error);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Could not send the error event; the connection is closing");
        }

        return new RealtimeFailure(error);
    }
}
