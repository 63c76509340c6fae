using Dashboard.Domain.Activity;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Events;
using Dashboard.Domain.Payments;
using Dashboard.Domain.Products;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Dashboard.Realtime;

/// <summary>One server → client message and the rooms that may see it.</summary>
public sealed record Outbound(string Event, object Payload, IReadOnlyList<string> Rooms);

/// <summary>
/// The seed-000 event catalog and who receives what, in one place for every transport: admins and staff get every
/// business event; a delivery agent gets the deliveries and customer changes of their routes; a customer gets only
/// what concerns their own account.
/// The product catalog is public to every signed-in role.
/// </summary>
public static class EventCatalog
{
    public const string Connected = "connected";
    public const string DeliveryUpdated = "delivery:updated";
    public const string PaymentAdded = "payment:added";
    public const string CustomerUpdated = "customer:updated";
    public const string BalanceUpdated = "balance:updated";
    public const string StatsUpdated = "stats:updated";
    public const string ActivityUpdated = "activity:updated";
    public const string ProductUpdated = "product:updated";
    public const string Pong = "pong";
    public const string Registered = "registered";
    public const string Error = "error";

    /// <summary>Every signed-in connection, whatever its role: for what holds no one's private data (the catalog).</summary>
    private static readonly IReadOnlyList<string> EveryRole = [.. Roles.All.Select(Rooms.Role)];

    /// <summary>The one message a domain event becomes, or null for events no client receives (e.g. a day sheet generated).</summary>
    public static Outbound? Map(IDomainEvent e) => e switch
    {
        DeliveryChanged d => new(DeliveryUpdated, d.Entry, [.. Rooms.Staff, .. Rooms.RouteOf(d.Route), Rooms.Customer(d.Entry.CustomerId)]),
        PaymentAdded p => new(PaymentAdded, p.Payment, [.. Rooms.Staff, Rooms.Customer(p.Payment.CustomerId)]),
        CustomerChanged c => new(CustomerUpdated, c.Customer,
            [.. Rooms.Staff, .. Rooms.RouteOf(c.Customer.Route), .. Rooms.RouteOf(c.PreviousRoute), Rooms.Customer(c.Customer.Id)]),
        BalanceChanged b => new(BalanceUpdated, b.Balance, [.. Rooms.Staff, Rooms.Customer(b.Balance.CustomerId)]),
        ProductChanged p => new(ProductUpdated, p.Product, EveryRole),
        ActivityLogged a => new(ActivityUpdated, new[] { a.Entry }, Rooms.Staff),
        _ => null,
    };
}

/// <summary>
/// The catalog as the event log stores it: each domain event's wire name, its payload serialized once with the hubs'
/// JSON settings (what both transports send, byte for byte), and its rooms. Internal events are logged for no room.
/// </summary>
public sealed class CatalogEventDescriber(IOptions<JsonHubProtocolOptions> json) : IEventDescriber
{
    private readonly JsonSerializerOptions _json = json.Value.PayloadSerializerOptions;

    public WireEvent Describe(IDomainEvent e) => EventCatalog.Map(e) is { } message
        ? new WireEvent(message.Event, JsonSerializer.Serialize(message.Payload, message.Payload.GetType(), _json), message.Rooms)
        : new WireEvent("internal:" + e.GetType().Name, JsonSerializer.Serialize(e, e.GetType(), _json), []);
}
