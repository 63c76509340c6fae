using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Realtime;

namespace Dashboard.Customers;

public sealed record CustomerUpdateMessage(
    Guid? Id, string? Name, string? Phone, string? Address, string? Route, decimal? DefaultQuantity, decimal? PricePerLiter, bool? IsActive, int? Version);

/// <summary>
/// Customers over both hubs: a change reaches staff, the agents of its route (and of the route it left) and the customer
/// itself; a balance only staff and the customer.
/// </summary>
public sealed class CustomerRealtime : IRealtimeFeature
{
    public const string Update = "customer:update";
    public const string Updated = "customer:updated";
    public const string BalanceUpdated = "balance:updated";

    public void Declare(RealtimeCatalogBuilder catalog)
    {
        catalog.Command<CustomerUpdateMessage>(Update, Operation.ManageCustomers, async (call, c) => new CommandReply(
            await call.Get<CustomerService>().UpdateAsync(call.Actor, CommandPayload.RequireId(c.Id),
                new UpdateCustomer(c.Name, c.Phone, c.Address, c.Route, c.DefaultQuantity, c.PricePerLiter, c.IsActive, c.Version), call.Cancellation)));
        catalog.Event<CustomerChanged>(Updated, c => c.Customer,
            c => [.. Rooms.Staff, .. Rooms.RouteOf(c.Customer.Route), .. Rooms.RouteOf(c.PreviousRoute), Rooms.Customer(c.Customer.Id)]);
        catalog.Event<BalanceChanged>(BalanceUpdated, b => b.Balance, b => [.. Rooms.Staff, Rooms.Customer(b.Balance.CustomerId)]);
    }
}
