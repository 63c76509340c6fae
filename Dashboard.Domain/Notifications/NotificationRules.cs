using Dashboard.Domain.Common;
using Dashboard.Domain.Events;
using Dashboard.Domain.Offers;
using Dashboard.Domain.Orders;
using Dashboard.Domain.Payments;
using Dashboard.Domain.Stock;

namespace Dashboard.Domain.Notifications;

/// <summary>What one notification says, and what it is about.</summary>
/// <param name="Link">The dashboard path of what it is about.</param>
/// <param name="Data">An object of ids for apps (serialized as JSON); null for none.</param>
public sealed record NotificationText(string Title, string Message, NotificationType Type, string? Link = null, object? Data = null);

/// <summary>One row of the rules table: a domain event type, who is told (null: nobody this time), and what they read.</summary>
public sealed record NotificationRule(Type Event, Func<IDomainEvent, Recipients?> To, Func<IDomainEvent, Wording, NotificationText> Text);

/// <summary>
/// Which domain events notify whom: the one rules table. <see cref="NotificationReaction"/> applies it to every committed
/// command's events, in the command's own savepoint, one row per recipient. Adding a rule is adding a row; an event
/// type may have several rows (a cancelled order tells its customer through its status change, staff through
/// <see cref="OrderCancelled"/>). Whoever did the write is never notified of it (they know).
/// </summary>
public static class NotificationRules
{
    public static IReadOnlyList<NotificationRule> Table { get; } =
    [
        On<OrderPlaced>(_ => Recipients.Staff, (e, w) => new($"New order #{e.Order.Number}",
            $"{e.Order.CustomerName}: {OrderService.Describe(e.Order.Items)} ({w.Money(e.Order.Total)}) for {w.Date(e.Order.DeliveryDate)}",
            NotificationType.Info, OrderLink(e.Order), OrderData(e.Order))),
        On<OrderStatusChanged>(e => Recipients.Customer(e.Order.CustomerId), (e, _) => new($"Order #{e.Order.Number} {StatusWords(e.Order.Status)}",
            e.Message, e.Order.Status switch
            {
                OrderStatus.Delivered => NotificationType.Success,
                OrderStatus.Cancelled => NotificationType.Warning,
                _ => NotificationType.Info,
            }, OrderLink(e.Order), OrderData(e.Order))),
        On<OrderCancelled>(_ => Recipients.Staff, (e, _) => new($"Order #{e.Order.Number} cancelled",
            $"{e.Order.CustomerName}: {e.Order.CancelReason}", NotificationType.Warning, OrderLink(e.Order), OrderData(e.Order))),
        On<OrderAssigned>(e => e.Order.AgentId is { } agent && agent != e.PreviousAgentId ? Recipients.User(agent) : null, (e, w) => new(
            $"Order #{e.Order.Number} is yours", $"{e.Order.CustomerName}{(e.Order.Route is { } r ? $" ({r})" : "")}: "
                + $"{OrderService.Describe(e.Order.Items)} for {w.Date(e.Order.DeliveryDate)}",
            NotificationType.Info, OrderLink(e.Order), OrderData(e.Order))),
        On<PaymentAdded>(e => Recipients.Customer(e.Payment.CustomerId), (e, w) => new("Payment received",
            $"{w.Money(e.Payment.Amount)} by {PaymentMethods.Label(e.Payment.Method)} recorded for {w.Date(e.Payment.PaymentDate)}. Thank you!",
            NotificationType.Success, $"/customers/{e.Payment.CustomerId}",
            new { paymentId = e.Payment.Id, customerId = e.Payment.CustomerId, amount = e.Payment.Amount })),
        On<StockLowAlert>(_ => Recipients.Staff, (e, _) => new($"Low stock: {e.ProductName}",
            $"{e.Quantity:0.###} {e.Unit} left, below the minimum of {e.MinStock:0.###} ({e.Severity.ToString().ToLowerInvariant()}).",
            e.Severity == StockSeverity.Critical ? NotificationType.Error : NotificationType.Warning, "/stock",
            new { productId = e.ProductId, currentQuantity = e.Quantity, minLevel = e.MinStock, severity = e.Severity })),
        On<OfferActivated>(_ => Recipients.EveryCustomer, (e, _) => new($"New offer: {e.Offer.Code}", e.Offer.Description, NotificationType.Info, null,
            new { code = e.Offer.Code, discountType = e.Offer.DiscountType, discountValue = e.Offer.DiscountValue, minOrder = e.Offer.MinOrder })),
    ];

    private static NotificationRule On<TEvent>(Func<TEvent, Recipients?> to, Func<TEvent, Wording, NotificationText> text) where TEvent : IDomainEvent =>
        new(typeof(TEvent), e => to((TEvent)e), (e, w) => text((TEvent)e, w));

    private static string OrderLink(Order order) => $"/orders/{order.Id}";

    private static object OrderData(Order order) => new { orderId = order.Id, orderNumber = order.Number, status = OrderStatuses.Name(order.Status) };

    private static string StatusWords(OrderStatus status) => status switch
    {
        OrderStatus.Confirmed => "confirmed",
        OrderStatus.OutForDelivery => "is on its way",
        OrderStatus.Delivered => "delivered",
        OrderStatus.Cancelled => "cancelled",
        _ => "placed",
    };
}
