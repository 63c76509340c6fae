using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Products;
using Dashboard.Domain.Stock;
using static Dashboard.Domain.Persistence.DemoCatalog;

namespace Dashboard.Domain.Persistence;

/// <summary>
/// The depot this morning: receipts over the last days, a few adjustments, today's delivered round taken from the daily
/// milk; some products below their minimum at each severity, so the Stock page has something to say.
/// </summary>
internal sealed partial class DemoBusiness
{
    public List<StockLevelEntity> StockLevels { get; } = [];

    public List<StockMovementEntity> StockMovements { get; } = [];

    private static decimal? MinStock(string product) => product switch
    {
        DailyMilk => 60m,
        "Curd 500 g" => 40m,
        "Paneer 200 g" => 20m,
        "Ghee 1 kg" => 10m,
        "Butter" => 5m,
        _ => null,
    };

    private void AddStock()
    {
        var today = Entries.Where(e => e.Date == _today).ToList();
        var milkOut = today.Where(e => e.Status == DeliveryStatus.Delivered).Sum(e => e.Quantity);
        // The morning's tanker: the day's sheet and a little over; what is left after the round shows on the page.
        var tanker = Math.Ceiling(today.Sum(e => e.Quantity) / 10) * 10 + 40;
        var plan = new (string Product, int DaysAgo, int Minute, StockMovementKind Kind, decimal Quantity, string? Supplier, decimal? Cost, string? Note)[]
        {
            ("Curd 500 g", 3, 9 * 60, StockMovementKind.Receipt, 60, "Nandini dairy", 1500m, null),
            ("Paneer 200 g", 3, 9 * 60 + 10, StockMovementKind.Receipt, 30, "Nandini dairy", 2400m, null),
            ("Ghee 1 kg", 6, 11 * 60, StockMovementKind.Receipt, 24, "Akshaya ghee works", 13200m, null),
            ("Butter", 6, 11 * 60 + 5, StockMovementKind.Receipt, 6, "Nandini dairy", 2900m, null),
            ("Extra milk 1 L", 1, 17 * 60, StockMovementKind.Receipt, 50, "Nandini dairy", 2400m, null),
            ("Curd 500 g", 1, 19 * 60, StockMovementKind.Adjustment, -8, null, null, "Spoilage: past its date"),
            ("Butter", 1, 19 * 60 + 5, StockMovementKind.Adjustment, -6, null, null, "Spoilage: the cold room failed overnight"),
            ("Paneer 200 g", 1, 19 * 60 + 10, StockMovementKind.Adjustment, -22, null, null, "Stock count"),
            (DailyMilk, 0, 4 * 60 + 30, StockMovementKind.Receipt, tanker, "Nandini dairy", tanker * 44m, null),
            ("Curd 500 g", 0, 5 * 60, StockMovementKind.Adjustment, -24, null, null, "Stock count"),
            (DailyMilk, 0, _nowMinuteOfDay, StockMovementKind.Delivery, -milkOut, null, null, $"{today.Count(e => e.Status == DeliveryStatus.Delivered)} deliveries, {_today:yyyy-MM-dd}"),
        };
        var byName = Products.ToDictionary(p => p.Name);
        foreach (var m in plan.Where(m => m.Quantity != 0).OrderBy(m => Utc(_today.AddDays(-m.DaysAgo), m.Minute)))
        {
            var product = byName[m.Product];
            var level = StockLevels.FirstOrDefault(l => l.ProductId == product.Id);
            if (level is null)
            {
                StockLevels.Add(level = new StockLevelEntity { ProductId = product.Id });
            }

            var at = Utc(_today.AddDays(-m.DaysAgo), m.Minute);
            level.Quantity += m.Quantity;
            level.UpdatedAt = at;
            level.Severity = StockRule.Severity(level.Quantity, product.MinStock);
            StockMovements.Add(new StockMovementEntity
            {
                ProductId = product.Id, Kind = m.Kind, Quantity = m.Quantity, Balance = level.Quantity, Supplier = m.Supplier, Cost = m.Cost,
                Note = m.Note, By = m.Kind == StockMovementKind.Delivery ? "Route agents" : OfficeStaff, At = at,
            });
        }
    }
}
