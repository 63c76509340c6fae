using Dashboard.Domain.Common;
using Dashboard.Domain.Deliveries;
using Dashboard.Realtime;

namespace Dashboard.Deliveries;

public sealed record DeliveryUpdateMessage(Guid? Id, decimal? Quantity, decimal? PricePerLiter, string? Status, int? Version);

/// <summary>Deliveries over both hubs: an entry changed reaches staff, the agents of its route and its customer.</summary>
public sealed class DeliveryRealtime : IRealtimeFeature
{
    public const string Update = "delivery:update";
    public const string Updated = "delivery:updated";

    public void Declare(RealtimeCatalogBuilder catalog)
    {
        catalog.Command<DeliveryUpdateMessage>(Update, Operation.RecordDeliveries, async (call, d) => new CommandReply(
            await call.Get<DeliveryService>().UpdateAsync(call.Actor, CommandPayload.RequireId(d.Id),
                new UpdateDelivery(d.Quantity, d.PricePerLiter, d.Status, d.Version), call.Cancellation)));
        catalog.Event<DeliveryChanged>(Updated, d => d.Entry,
            d => [.. Rooms.Staff, .. Rooms.RouteOf(d.Route), Rooms.Customer(d.Entry.CustomerId)]);
    }
}
