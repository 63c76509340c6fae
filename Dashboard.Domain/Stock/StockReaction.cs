using Dashboard.Domain.Common;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Events;
using Dashboard.Domain.Orders;
using Dashboard.Domain.Products;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Stock;

/// <summary>
/// Outward stock, in the delivering command's own savepoint: a daily entry delivered takes its liters from the product
/// marked as the daily milk (un-delivered or changed, the difference goes back), a delivered order takes its items. One
/// movement per product per command, so a route marked delivered is one line of history, not forty. Deliveries are never
/// refused for the books' sake: stock may go below zero, and shows critical until a receipt is booked. A product's new
/// minimum is reassessed here too.
/// </summary>
public sealed class StockReaction : IWriteReaction
{
    public async Task ReactAsync(WriteScope scope, IReadOnlyList<IDomainEvent> events, CancellationToken ct)
    {
        var milk = events.OfType<DeliveryChanged>().Select(e => (e.Entry, Delta: Delivered(e.Previous) - Delivered(e.Entry)))
            .Where(d => d.Delta != 0).ToList();
        if (milk.Count > 0 && await scope.Db.Products.FirstOrDefaultAsync(p => p.IsDailyMilk, ct) is { } dailyMilk)
        {
            var note = milk.Count == 1
                ? $"{milk[0].Entry.CustomerName}, {scope.Words.Date(milk[0].Entry.Date)}"
                : $"{milk.Count} deliveries, {string.Join(", ", milk.Select(d => d.Entry.Date).Distinct().Order().Select(scope.Words.Date))}";
            await StockService.BookAsync(scope, dailyMilk, milk.Sum(d => d.Delta), StockMovementKind.Delivery, note, null, null, ct);
        }

        var delivered = events.OfType<OrderStatusChanged>().Where(e => e.Order.Status == OrderStatus.Delivered && e.From != OrderStatus.Delivered).ToList();
        foreach (var product in delivered.SelectMany(e => e.Order.Items.Select(i => (i.ProductId, i.Quantity, e.Order.Number)))
                     .GroupBy(i => i.ProductId))
        {
            var entity = await scope.Db.Products.FirstAsync(p => p.Id == product.Key, ct);
            var note = string.Join(", ", product.Select(i => i.Number).Distinct().Select(n => $"Order #{n}"));
            await StockService.BookAsync(scope, entity, -product.Sum(i => i.Quantity), StockMovementKind.Order, note, null, null, ct);
        }

        foreach (var changed in events.OfType<ProductChanged>().DistinctBy(e => e.Product.Id))
        {
            var entity = await scope.Db.Products.FirstAsync(p => p.Id == changed.Product.Id, ct);
            await StockService.ReassessAsync(scope, entity, ct);
        }
    }

    /// <summary>What an entry in that state has taken out of the depot.</summary>
    private static decimal Delivered(DailyEntry? entry) => entry is { Status: DeliveryStatus.Delivered } ? entry.Quantity : 0;
}
