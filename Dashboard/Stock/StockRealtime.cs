using Dashboard.Domain.Products;
using Dashboard.Domain.Stock;
using Dashboard.Realtime;

namespace Dashboard.Stock;

/// <summary>seed 002's <c>stock:updated</c> {product, quantity}: the level after the change, and the movement that made it.</summary>
public sealed record StockUpdatedMessage(Product Product, decimal Quantity, decimal? MinStock, StockSeverity? Severity, StockMovement? Movement);

/// <summary>seed 002's <c>stock:low-alert</c> {stockType, currentQuantity, minLevel, severity}, and which product it is.</summary>
public sealed record StockLowAlertMessage(string StockType, decimal CurrentQuantity, decimal MinLevel, StockSeverity Severity, Guid ProductId, string Unit);

/// <summary>
/// Stock is the business's own: its changes and alerts go to admins and staff only — the dashboard, and the owner's app on
/// either namespace (<c>/</c> or <c>/admin</c>). Writes are REST and the Stock page; the apps only listen.
/// </summary>
public sealed class StockRealtime : IRealtimeFeature
{
    public const string Updated = "stock:updated";
    public const string LowAlert = "stock:low-alert";

    public void Declare(RealtimeCatalogBuilder catalog)
    {
        catalog.Event<StockChanged>(Updated, e => new StockUpdatedMessage(e.Level.Product, e.Level.Quantity, e.Level.MinStock, e.Level.Severity, e.Movement),
            _ => Rooms.Staff);
        catalog.Event<StockLowAlert>(LowAlert, e => new StockLowAlertMessage(e.ProductName, e.Quantity, e.MinStock, e.Severity, e.ProductId, e.Unit),
            _ => Rooms.Staff);
    }
}
