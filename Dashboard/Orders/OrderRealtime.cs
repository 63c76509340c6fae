using Dashboard.Domain.Common;
using Dashboard.Domain.Orders;
using Dashboard.Realtime;

namespace Dashboard.Orders;

/// <summary>seed 001's <c>order:new</c>: the seed's fields, and the whole order.</summary>
public sealed record OrderNewMessage(Guid OrderId, int OrderNumber, Guid CustomerId, string CustomerName, IReadOnlyList<OrderItem> Items,
    decimal TotalAmount, OrderStatus Status, DateOnly DeliveryDate, Order Order);

/// <summary>seed 001's <c>order:status:update</c> {orderId, status, message} and seed 004's <c>order-status-updated</c> {orderId, status, updatedAt}.</summary>
public sealed record OrderStatusMessage(Guid OrderId, int OrderNumber, OrderStatus Status, string Message, DateTime UpdatedAt, Order Order);

/// <summary>seed 001's <c>order:cancelled</c> {orderId, orderNumber, reason}.</summary>
public sealed record OrderCancelledMessage(Guid OrderId, int OrderNumber, string? Reason, Order Order);

/// <summary><c>order:assigned</c>: to the agent it is now theirs.</summary>
public sealed record OrderAssignedMessage(Guid OrderId, int OrderNumber, string? AgentId, string? AgentName, Order Order);

/// <summary><c>order:cancel</c> {orderId, reason, version?}.</summary>
public sealed record OrderCancelCommand(Guid? OrderId, string? Reason, int? Version);

/// <summary><c>order:status</c> {orderId, status, reason?, agentId?, version?}: one move along the lifecycle.</summary>
public sealed record OrderStatusCommand(Guid? OrderId, string? Status, string? Reason, string? AgentId, int? Version);

/// <summary>
/// Orders over both hubs (seeds 001 and 004): placing, moving and cancelling them, and who hears of it — staff always;
/// the order's customer; its agent; the agents of the customer's route for a new order; and whoever joined its room
/// <c>order:{id}</c> (seed 004's <c>order-{id}</c> is the same room), which only those may join.
/// </summary>
public sealed class OrderRealtime : IRealtimeFeature
{
    public const string Place = "order:place";
    public const string Cancel = "order:cancel";
    public const string Status = "order:status";
    public const string New = "order:new";
    public const string StatusUpdate = "order:status:update";
    public const string Cancelled = "order:cancelled";
    public const string Assigned = "order:assigned";

    public void Declare(RealtimeCatalogBuilder catalog)
    {
        catalog.Command<PlaceOrder>(Place, Operation.PlaceOrders, async (call, order) =>
            new CommandReply(await call.Get<OrderService>().PlaceAsync(call.Actor, order, call.Cancellation)));
        catalog.Command<OrderCancelCommand>(Cancel, Operation.CancelOrders, async (call, c) =>
            new CommandReply(await call.Get<OrderService>().CancelAsync(call.Actor, Id(c.OrderId), new CancelOrder(c.Reason, c.Version), call.Cancellation)));
        // Who may make which move is the service's to say (a customer cancels, an agent delivers, staff do everything).
        catalog.Command<OrderStatusCommand>(Status, Operation.ReadOrders, async (call, c) => new CommandReply(await MoveAsync(call, c)));

        catalog.Event<OrderPlaced>(New, e => new OrderNewMessage(e.Order.Id, e.Order.Number, e.Order.CustomerId, e.Order.CustomerName,
                e.Order.Items, e.Order.Total, e.Order.Status, e.Order.DeliveryDate, e.Order),
            e => [.. Rooms.Staff, .. Rooms.RouteOf(e.Order.Route), Rooms.Customer(e.Order.CustomerId)]).Alias("new-order");
        catalog.Event<OrderStatusChanged>(StatusUpdate, e => new OrderStatusMessage(e.Order.Id, e.Order.Number, e.Order.Status, e.Message,
                e.Order.UpdatedAt, e.Order),
            e => Following(e.Order)).Alias("order-status-updated");
        catalog.Event<OrderCancelled>(Cancelled, e => new OrderCancelledMessage(e.Order.Id, e.Order.Number, e.Order.CancelReason, e.Order),
            e => Following(e.Order));
        catalog.Event<OrderAssigned>(Assigned, e => new OrderAssignedMessage(e.Order.Id, e.Order.Number, e.Order.AgentId, e.Order.AgentName, e.Order),
            e => [.. Following(e.Order), .. e.PreviousAgentId is { } previous && previous != e.Order.AgentId ? [Rooms.User(previous)] : Array.Empty<string>()]);

        catalog.RoomAlias("order-", Rooms.Order);
        catalog.RoomGuard("order:", async (call, key) =>
        {
            if (!Guid.TryParse(key, out var id))
            {
                return false;
            }

            try
            {
                await call.Get<OrderService>().GetAsync(call.Actor, id, call.Cancellation);
                return true; // the order's customer, its agent (and staff): whoever may read it
            }
            catch (DomainException)
            {
                return false;
            }
        });
    }

    /// <summary>Everyone who follows one order: staff, its customer, its agent, and its room.</summary>
    private static IEnumerable<string> Following(Order order) =>
        [.. Rooms.Staff, Rooms.Customer(order.CustomerId), .. order.AgentId is { } agent ? [Rooms.User(agent)] : Array.Empty<string>(), Rooms.Order(order.Id.ToString())];

    private static Task<Order> MoveAsync(CommandCall call, OrderStatusCommand c)
    {
        var orders = call.Get<OrderService>();
        var id = Id(c.OrderId);
        var status = OrderStatuses.Parse(c.Status);
        if (status is null or OrderStatus.Placed)
        {
            new Validation().Add("status", "status must be one of confirmed, out_for_delivery, delivered, cancelled.").ThrowIfInvalid();
        }

        var (actor, ct) = (call.Actor, call.Cancellation);
        var transition = new OrderTransition(c.Version);
        return status switch
        {
            OrderStatus.Confirmed when c.AgentId is { Length: > 0 } => orders.AssignAsync(actor, id, new AssignOrder(c.AgentId, c.Version), ct),
            OrderStatus.Confirmed => orders.ConfirmAsync(actor, id, transition, ct),
            OrderStatus.OutForDelivery => orders.OutForDeliveryAsync(actor, id, transition, ct),
            OrderStatus.Delivered => orders.DeliverAsync(actor, id, transition, ct),
            _ => orders.CancelAsync(actor, id, new CancelOrder(c.Reason, c.Version), ct),
        };
    }

    private static Guid Id(Guid? orderId)
    {
        var v = new Validation();
        var id = v.Required("orderId", orderId);
        v.ThrowIfInvalid();
        return id!.Value;
    }
}
