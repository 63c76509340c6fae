using Dashboard.Domain.Common;
using Dashboard.Domain.Products;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Stock;

/// <summary>
/// The depot's stock: receipts and adjustments by staff here, outward by <see cref="StockReaction"/> when deliveries and
/// orders are delivered. Staff never book stock below zero; a delivery may take it there (the milk left, the books catch
/// up with a receipt).
/// </summary>
public sealed class StockService(DomainWriter writer)
{
    public const decimal MaxQuantity = 1_000_000m;
    public const decimal MaxCost = 100_000_000m;
    public const int MaxHistory = 500;

    public Task<StockResult> ReceiveAsync(Actor actor, RecordReceipt command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.RecordStock);
        var v = new Validation();
        var productId = v.Required("productId", command.ProductId);
        var quantity = v.Required("quantity", command.Quantity);
        v.Range("quantity", quantity, 0, MaxQuantity, minExclusive: true);
        var supplier = v.Text("supplier", command.Supplier, 100, required: false);
        v.Range("cost", command.Cost, 0, MaxCost);
        if (command.Cost is { } cost && decimal.Round(cost, 2) != cost)
        {
            v.Add("cost", "Cost has more than 2 decimal places.");
        }

        v.ThrowIfInvalid();
        return writer.WriteAsync(actor, async scope =>
        {
            var product = await ProductAsync(scope, productId!.Value, ct);
            var (level, movement) = await BookAsync(scope, product, quantity!.Value, StockMovementKind.Receipt, note: null, supplier is "" ? null : supplier,
                command.Cost, ct);
            scope.Log("stock.received", "product", product.Id,
                $"Received {Amount(quantity.Value, product.Unit)} of {product.Name}{(supplier is { Length: > 0 } ? $" from {supplier}" : "")}: {Amount(level.Quantity, product.Unit)} on hand",
                null, after: movement);
            return new StockResult(level, movement);
        }, ct);
    }

    public Task<StockResult> AdjustAsync(Actor actor, RecordAdjustment command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.RecordStock);
        var v = new Validation();
        var productId = v.Required("productId", command.ProductId);
        var quantity = v.Required("quantity", command.Quantity);
        v.Range("quantity", quantity, -MaxQuantity, MaxQuantity);
        if (quantity == 0)
        {
            v.Add("quantity", "Quantity must not be 0: a positive quantity adds stock, a negative one removes it.");
        }

        var reason = v.Text("reason", command.Reason, 200, required: true);
        v.ThrowIfInvalid();
        return writer.WriteAsync(actor, async scope =>
        {
            var product = await ProductAsync(scope, productId!.Value, ct);
            var onHand = (await scope.Db.StockLevels.FindAsync([product.Id], ct))?.Quantity ?? 0;
            if (onHand + quantity!.Value < 0)
            {
                new Validation().Add("quantity", $"Only {Amount(onHand, product.Unit)} of {product.Name} is on hand: this would take stock below zero.")
                    .ThrowIfInvalid();
            }

            var (level, movement) = await BookAsync(scope, product, quantity.Value, StockMovementKind.Adjustment, reason, null, null, ct);
            scope.Log("stock.adjusted", "product", product.Id,
                $"Adjusted {product.Name} by {quantity.Value:+0.###;-0.###} {product.Unit} ({reason}): {Amount(level.Quantity, product.Unit)} on hand", null,
                after: movement);
            return new StockResult(level, movement);
        }, ct);
    }

    /// <summary>Every product's level by name (withdrawn products too while they hold stock).</summary>
    public Task<IReadOnlyList<StockLevel>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadStock);
        return writer.ReadAsync<IReadOnlyList<StockLevel>>(async db =>
        {
            var levels = await db.StockLevels.AsNoTracking().ToDictionaryAsync(l => l.ProductId, ct);
            var products = await db.Products.AsNoTracking().OrderBy(p => p.NormalizedName).ToListAsync(ct);
            return products.Select(p => (Product: p, Level: levels.GetValueOrDefault(p.Id)))
                .Where(r => r.Product.IsActive || r.Level is { Quantity: not 0 })
                .Select(r => Level(r.Product, r.Level))
                .ToList();
        }, ct);
    }

    /// <summary>The latest movements, newest first; of one product with <paramref name="productId"/>.</summary>
    public Task<IReadOnlyList<StockMovement>> HistoryAsync(Actor actor, Guid? productId = null, int limit = 100, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadStock);
        limit = Math.Clamp(limit, 1, MaxHistory);
        return writer.ReadAsync<IReadOnlyList<StockMovement>>(async db =>
        {
            var rows = await db.StockMovements.AsNoTracking().Where(m => productId == null || m.ProductId == productId)
                .OrderByDescending(m => m.Id).Take(limit)
                .Join(db.Products, m => m.ProductId, p => p.Id, (m, p) => new { Movement = m, p.Name })
                .ToListAsync(ct);
            return rows.OrderByDescending(r => r.Movement.Id).Select(r => r.Movement.ToModel(r.Name)).ToList();
        }, ct);
    }

    /// <summary>
    /// Moves one product's stock by <paramref name="quantity"/> inside the current command, and raises what follows:
    /// <see cref="StockChanged"/> always, <see cref="StockLowAlert"/> when its severity got worse.
    /// </summary>
    internal static async Task<(StockLevel Level, StockMovement Movement)> BookAsync(WriteScope scope, ProductEntity product, decimal quantity,
        StockMovementKind kind, string? note, string? supplier, decimal? cost, CancellationToken ct)
    {
        var level = await LevelRowAsync(scope, product.Id, ct);
        level.Quantity += quantity;
        level.UpdatedAt = scope.Now;
        var movement = new StockMovementEntity
        {
            ProductId = product.Id, Kind = kind, Quantity = quantity, Balance = level.Quantity, Supplier = supplier, Cost = cost,
            Note = note is { Length: > 200 } ? note[..200] : note, By = scope.Actor.Name, At = scope.Now,
        };
        scope.Db.StockMovements.Add(movement);
        await scope.Db.SaveChangesAsync(ct); // the movement's id, for the history the event carries
        var model = movement.ToModel(product.Name);
        var result = RaiseChanges(scope, product, level, model);
        return (result, model);
    }

    /// <summary>The product's minimum changed: its severity may have, and an alert may be due without any stock moving.</summary>
    internal static async Task ReassessAsync(WriteScope scope, ProductEntity product, CancellationToken ct)
    {
        var level = await scope.Db.StockLevels.FindAsync([product.Id], ct);
        if (StockRule.Severity(level?.Quantity ?? 0, product.MinStock) == level?.Severity)
        {
            return;
        }

        level ??= await LevelRowAsync(scope, product.Id, ct);
        RaiseChanges(scope, product, level, movement: null);
    }

    private static StockLevel RaiseChanges(WriteScope scope, ProductEntity product, StockLevelEntity level, StockMovement? movement)
    {
        var severity = StockRule.Severity(level.Quantity, product.MinStock);
        // Worse than at the last change: just crossed below the minimum, or lower still. Writes at the same severity, and
        // recoveries, say nothing; the next crossing or worsening alerts again.
        if (severity > level.Severity || (severity is not null && level.Severity is null))
        {
            scope.Raise(new StockLowAlert(product.Id, product.Name, product.Unit, level.Quantity, product.MinStock!.Value, severity.Value));
        }

        level.Severity = severity;
        var model = Level(product, level);
        scope.Raise(new StockChanged(model, movement));
        return model;
    }

    private static async Task<StockLevelEntity> LevelRowAsync(WriteScope scope, Guid productId, CancellationToken ct)
    {
        var level = await scope.Db.StockLevels.FindAsync([productId], ct);
        if (level is null)
        {
            level = new StockLevelEntity { ProductId = productId, UpdatedAt = scope.Now };
            scope.Db.StockLevels.Add(level);
        }

        return level;
    }

    private static StockLevel Level(ProductEntity product, StockLevelEntity? level)
    {
        var quantity = level?.Quantity ?? 0;
        return new StockLevel(product.ToModel(), quantity, product.MinStock, StockRule.Severity(quantity, product.MinStock), level?.UpdatedAt);
    }

    private static async Task<ProductEntity> ProductAsync(WriteScope scope, Guid id, CancellationToken ct)
    {
        var product = await scope.Db.Products.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null)
        {
            new Validation().Add("productId", $"There is no product {id}.").ThrowIfInvalid();
        }

        return product!;
    }

    private static string Amount(decimal quantity, string unit) => $"{quantity:0.###} {unit}";
}
