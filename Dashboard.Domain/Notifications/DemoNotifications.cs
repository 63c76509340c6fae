using System.Text.Json;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Orders;

namespace Dashboard.Domain.Notifications;

/// <summary>
/// The demo admin's bell: what the rules table would have told them about the demo's orders — a new order each
/// (the confirmed ones already read) and the cancelled one — so a first look shows the bell with a count and a list.
/// </summary>
public static class DemoNotifications
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEnumerable<NotificationEntity> For(IReadOnlyList<string> adminIds, IEnumerable<OrderEntity> orders, IEnumerable<CustomerEntity> customers)
    {
        var names = customers.ToDictionary(c => c.Id, c => c.Name);
        foreach (var userId in adminIds)
        {
            foreach (var order in orders.OrderBy(o => o.CreatedAt))
            {
                var customer = names.GetValueOrDefault(order.CustomerId, "A customer");
                yield return Row(userId, order, order.CreatedAt, $"New order #{order.Number}",
                    $"{customer}: {OrderService.Describe(order.Items)} ({Wording.Default.Money(order.Total)}) for {Wording.Default.Date(order.DeliveryDate)}",
                    NotificationType.Info, read: order.Status == OrderStatus.Confirmed);
                if (order.Status == OrderStatus.Cancelled)
                {
                    yield return Row(userId, order, order.CreatedAt.AddMinutes(40), $"Order #{order.Number} cancelled",
                        $"{customer}: {order.CancelReason}", NotificationType.Warning, read: false);
                }
            }
        }
    }

    private static NotificationEntity Row(string userId, OrderEntity order, DateTime at, string title, string message, NotificationType type, bool read) => new()
    {
        Id = Guid.CreateVersion7(new DateTimeOffset(at, TimeSpan.Zero)),
        UserId = userId,
        Title = title,
        Message = message,
        Type = type,
        Link = $"/orders/{order.Id}",
        Data = JsonSerializer.Serialize(new { orderId = order.Id, orderNumber = order.Number, status = OrderStatuses.Name(order.Status) }, Json),
        CreatedAt = at,
        ReadAt = read ? at.AddMinutes(45) : null,
    };
}
