using Dashboard.Domain.Common;

namespace Dashboard.Realtime;

/// <summary>The <c>registered</c> answer: the identity from the token, whatever the client claimed.</summary>
public sealed record Registered(string UserId, string Role, Guid? CustomerId, string Name);

/// <summary>
/// The real-time core's own commands, for every app family: liveness (<c>ping</c>, <c>heartbeat</c>), seed 001's
/// <c>register</c>, and the room commands, decided by <see cref="Rooms.MayJoin"/> after any room alias is resolved.
/// </summary>
public sealed class RealtimeCore : IRealtimeFeature
{
    public const string Ping = "ping";
    public const string Register = "register";
    public const string Heartbeat = "heartbeat";
    public const string JoinRoom = "join-room";
    public const string LeaveRoom = "leave-room";
    public const string JoinOrder = "join:order";
    public const string LeaveOrder = "leave:order";

    public void Declare(RealtimeCatalogBuilder catalog)
    {
        catalog.Command(Ping, null, _ => Task.FromResult(new CommandReply(EventCatalog.Pong, EventCatalog.Pong, null)));
        // Any command moves the connection's last seen (RealtimeCatalog.HandleAsync); a heartbeat does only that.
        catalog.Command(Heartbeat, null, call => Task.FromResult(new CommandReply(new { At = call.Get<BusinessClock>().UtcNow })));
        // Seed 001's apps send { userId, role }: ignored, the token already says who this is.
        catalog.Command(Register, null, payload => payload, (call, _) =>
        {
            var actor = call.Actor;
            var identity = new Registered(actor.UserId, actor.Role.ToLowerInvariant(), actor.CustomerId, actor.Name);
            return Task.FromResult(new CommandReply(identity, EventCatalog.Registered, identity));
        });
        catalog.Command(JoinRoom, null, p => CommandPayload.Name(p, "room"), JoinAsync);
        catalog.Command(LeaveRoom, null, p => CommandPayload.Name(p, "room"), LeaveAsync);
        catalog.Command(JoinOrder, null, p => Rooms.Order(CommandPayload.Name(p, "orderId")), JoinAsync);
        catalog.Command(LeaveOrder, null, p => Rooms.Order(CommandPayload.Name(p, "orderId")), LeaveAsync);
    }

    private static async Task<CommandReply> JoinAsync(CommandCall call, string requested)
    {
        var catalog = call.Get<RealtimeCatalog>();
        var room = catalog.Room(requested);
        if (!await catalog.MayJoinAsync(call, room))
        {
            return new CommandReply(false, EventCatalog.Error, new RealtimeError($"You may not join '{room}'.", ErrorCodes.Forbidden));
        }

        await call.Rooms.JoinAsync(room);
        return new CommandReply(true);
    }

    private static async Task<CommandReply> LeaveAsync(CommandCall call, string requested) =>
        new(await call.Rooms.LeaveAsync(call.Get<RealtimeCatalog>().Room(requested)));
}
