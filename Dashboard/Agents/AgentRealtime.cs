using Dashboard.Domain.Agents;
using Dashboard.Domain.Common;
using Dashboard.Domain.Events;
using Dashboard.Realtime;

namespace Dashboard.Agents;

/// <summary>seed 001's <c>delivery:status:update</c> {deliveryBoyId, status, currentOrder}.</summary>
public sealed record AgentStatusMessage(string DeliveryBoyId, string Name, AgentStatus Status, Guid? CurrentOrder);

/// <summary>seed 001's <c>delivery:location:update</c> {orderId, location: {lat, lng}}, with when it was reported.</summary>
public sealed record LocationMessage(Guid OrderId, string AgentId, LatLng Location, DateTime At);

public sealed record LatLng(double Lat, double Lng);

/// <summary><c>delivery:status</c> {status}: the agent's own.</summary>
public sealed record AgentStatusCommand(string? Status);

/// <summary><c>delivery:location</c> {orderId, latitude, longitude}.</summary>
public sealed record LocationCommand(Guid? OrderId, double? Latitude, double? Longitude);

/// <summary>
/// Delivery agents over both hubs: their status (to staff), and their positions while out with an order (to staff, the
/// order's customer and its room). Positions are transient in the event log: kept minutes, not a day.
/// </summary>
public sealed class AgentRealtime : IRealtimeFeature
{
    public const string Status = "delivery:status";
    public const string Location = "delivery:location";
    public const string StatusUpdate = "delivery:status:update";
    public const string LocationUpdate = "delivery:location:update";

    public void Declare(RealtimeCatalogBuilder catalog)
    {
        catalog.Command<AgentStatusCommand>(Status, Operation.SetAgentStatus, async (call, c) =>
            new CommandReply(await call.Get<AgentService>().SetStatusAsync(call.Actor, call.Actor.UserId, c.Status, call.Cancellation)));
        catalog.Command<LocationCommand>(Location, Operation.ShareLocation, async (call, c) =>
            new CommandReply(await call.Get<AgentService>().RecordPositionAsync(call.Actor, c.OrderId, c.Latitude, c.Longitude, call.Cancellation)));

        catalog.Event<AgentStatusChanged>(StatusUpdate, e => new AgentStatusMessage(e.AgentId, e.AgentName, e.Status, e.CurrentOrderId),
            e => [.. Rooms.Staff, Rooms.User(e.AgentId)]);
        catalog.Event<AgentPositionChanged>(LocationUpdate,
            e => new LocationMessage(e.OrderId, e.AgentId, new LatLng(e.Position.Latitude, e.Position.Longitude), e.Position.At),
            e => [.. Rooms.Staff, Rooms.Customer(e.CustomerId), Rooms.Order(e.OrderId.ToString())]);
    }

    /// <summary>Positions are worth minutes: the log keeps them for <see cref="EventLogOptions.TransientRetention"/> only.</summary>
    public static void Configure(EventLogOptions options) => options.TransientEvents.Add(LocationUpdate);
}
