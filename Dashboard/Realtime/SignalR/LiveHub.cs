using System.Text.Json;
using Dashboard.Auth;
using Dashboard.Domain.Common;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Realtime.SignalR;

/// <summary>
/// The public hub for the apps (SignalR transport). A thin adapter: identity from the token, rooms and the command
/// catalog from the real-time core, every write through the domain services. Errors and rate limits: <see cref="LiveHubFilter"/>.
/// </summary>
[Authorize(AuthenticationSchemes = JwtBearerDefaults.AuthenticationScheme)]
public sealed class LiveHub(
    RealtimeCatalog catalog, EventRecovery recovery, SignalRRelay relay, ConnectionRegistry registry, ConnectionRateLimits limits) : Hub
{
    public const string Path = "/hubs/live";
    public const string Transport = "signalr";

    /// <summary>The one method catalog commands are routed to; a name no client can invoke directly.</summary>
    public const string DispatchMethod = "catalog:dispatch";

    public override async Task OnConnectedAsync()
    {
        var actor = Context.User!.ToActor(Channel.Hub);
        Context.Items[typeof(Actor)] = actor;
        var rooms = Rooms.For(actor);
        foreach (var room in rooms)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, room);
        }

        var context = Context;
        registry.Add(Context.ConnectionId, Transport, actor, rooms, new ConnectionControl(Context.User!, _ => context.Abort()));
        Context.Items[typeof(HubRooms)] = new HashSet<string>(rooms, StringComparer.Ordinal);
        // Read once the groups are joined: every event after this position reaches this connection live (events may
        // even arrive before `connected` does), so an app continues from here or recovers up to here with `events:since`.
        var position = recovery.ConnectedPosition(relay);
        await Clients.Caller.SendAsync(EventCatalog.Connected, new { actor.UserId, Role = actor.Role.ToLowerInvariant(), actor.CustomerId, position });
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        registry.Remove(Context.ConnectionId);
        limits.Forget(Context.ConnectionId);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Every catalog command, under its own name on the wire: <see cref="CatalogHubProtocol"/> binds <c>invoke("payment:add", p)</c>
    /// and calls this with the name. No client reaches it by this method's own name.
    /// </summary>
    [HubMethodName(DispatchMethod)]
    public async Task<object?> Dispatch(string name, JsonElement? payload)
    {
        var actor = (Actor)Context.Items[typeof(Actor)]!;
        var reply = await catalog.HandleAsync(actor, name, payload, new HubRooms(Groups, Context), Context.ConnectionAborted, Context.ConnectionId);
        if (reply.ReplyEvent is not null)
        {
            await Clients.Caller.SendAsync(reply.ReplyEvent, reply.ReplyPayload);
        }

        return reply.Result;
    }

    /// <summary>
    /// <c>events:since</c> {position, max?}: the logged events after it that this connection's groups (its own and the rooms it
    /// joined) would have received, a page at a time; GAP_TOO_OLD when the log no longer (or does not yet) reach it.
    /// </summary>
    [HubMethodName(EventRecovery.Method)]
    public async Task<object?> EventsSince(JsonElement request)
    {
        var position = Number(request, "position")
            ?? throw new DomainException(ErrorCodes.ValidationFailed, "events:since needs { position }: the last position received.");
        var max = Number(request, "max") is { } m ? (int)Math.Clamp(m, 0, EventRecovery.PageSize + 1) : (int?)null;
        return await recovery.SinceAsync(position, max, HubRooms.Of(Context), Context.ConnectionAborted);
    }

    private static long? Number(JsonElement request, string property) =>
        request.ValueKind == JsonValueKind.Object && request.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.Number
            && p.TryGetInt64(out var value)
            ? value
            : null;
}

/// <summary>Hub groups as rooms; SignalR does not say who is in a group, so the connection remembers what it joined.</summary>
internal sealed class HubRooms(IGroupManager groups, HubCallerContext context) : IRoomMembership
{
    private HashSet<string> Joined => (HashSet<string>)context.Items[typeof(HubRooms)]!; // set in OnConnectedAsync

    /// <summary>A copy of the groups a connection is in now.</summary>
    public static IReadOnlySet<string> Of(HubCallerContext context) =>
        new HashSet<string>((HashSet<string>)context.Items[typeof(HubRooms)]!, StringComparer.Ordinal);

    public Task JoinAsync(string room)
    {
        Joined.Add(room);
        return groups.AddToGroupAsync(context.ConnectionId, room);
    }

    public async Task<bool> LeaveAsync(string room)
    {
        if (!Joined.Remove(room))
        {
            return false;
        }

        await groups.RemoveFromGroupAsync(context.ConnectionId, room);
        return true;
    }
}
