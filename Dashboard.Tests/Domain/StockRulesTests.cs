using Dashboard.Domain.Common;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Events;
using Dashboard.Domain.Products;
using Dashboard.Domain.Stock;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Domain;

/// <summary>Stock on hand: seed 002's severity, one alert per crossing, deliveries drawing on the daily milk, and no booking below zero.</summary>
public sealed class StockRulesTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    private StockService Stock => _h.Get<StockService>();

    private ProductService Products => _h.Get<ProductService>();

    public async Task InitializeAsync() => _h = await DomainHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Theory]
    [InlineData("0", "10", "critical")]      // nothing left
    [InlineData("-1.5", "10", "critical")]   // deliveries ran ahead of the books
    [InlineData("0.001", "10", "high")]
    [InlineData("5", "10", "high")]          // exactly half the minimum
    [InlineData("5.001", "10", "medium")]    // just over half
    [InlineData("9.999", "10", "medium")]    // just under the minimum
    [InlineData("10", "10", null)]           // at the minimum is not below it
    [InlineData("250", "10", null)]
    [InlineData("0", null, null)]            // no minimum, no severity
    public void Severity_follows_seed_002_at_its_edges(string quantity, string? min, string? expected)
    {
        var severity = StockRule.Severity(decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture),
            min is null ? null : decimal.Parse(min, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, severity?.ToString().ToLowerInvariant());
    }

    [Fact]
    public async Task A_product_alerts_once_when_it_crosses_below_its_minimum_again_only_when_worse_and_again_after_it_recovered()
    {
        using var alerts = new EventRecorder<StockLowAlert>(_h.Events);
        using var changes = new EventRecorder<StockChanged>(_h.Events);
        var curd = await Products.CreateAsync(DomainHarness.Staff, new CreateProduct("Curd 500 g", "piece", 30m, MinStock: 10));
        // A new product with a minimum and no stock is out of stock: that is the first alert.
        await alerts.WaitForCountAsync(1);
        Assert.Equal(StockSeverity.Critical, alerts.Events[0].Severity);

        await Receive(curd, 20);                 // 20: above
        await Adjust(curd, -11, "Spoilage");     // 9: medium, crossed
        await Adjust(curd, -1, "Spoilage");      // 8: still medium
        await Adjust(curd, -2, "Count");         // 6: still medium
        await Adjust(curd, -1, "Count");         // 5: high, worse
        await Receive(curd, 1);                  // 6: medium, better
        await Adjust(curd, -6, "Return to dairy"); // 0: critical, worse
        await Receive(curd, 30);                 // 30: above
        await Adjust(curd, -21, "Spoilage");     // 9: medium, a new crossing

        await changes.WaitForCountAsync(10);
        var seen = await alerts.WaitForCountAsync(5);
        Assert.Equal([(0m, StockSeverity.Critical), (9m, StockSeverity.Medium), (5m, StockSeverity.High), (0m, StockSeverity.Critical), (9m, StockSeverity.Medium)],
            seen.Select(a => (a.Quantity, a.Severity)));
        Assert.All(seen, a => Assert.Equal((curd.Id, "Curd 500 g", 10m, "piece"), (a.ProductId, a.ProductName, a.MinStock, a.Unit)));
        Assert.Equal(StockSeverity.Medium, changes.Events[^1].Level.Severity);
        Assert.Equal(9m, (await Stock.ListAsync(DomainHarness.Admin)).Single(l => l.Product.Id == curd.Id).Quantity);
    }

    [Fact]
    public async Task Raising_a_minimum_above_the_stock_alerts_without_any_stock_moving()
    {
        var ghee = await Products.CreateAsync(DomainHarness.Staff, new CreateProduct("Ghee 1 kg", "piece", 650m));
        await Receive(ghee, 4);
        using var alerts = new EventRecorder<StockLowAlert>(_h.Events);

        await Products.UpdateAsync(DomainHarness.Staff, ghee.Id, new UpdateProduct(null, null, null, null, null, MinStock: 10));
        Assert.Equal(StockSeverity.High, (await alerts.WaitForCountAsync(1))[0].Severity);
        await Products.UpdateAsync(DomainHarness.Staff, ghee.Id, new UpdateProduct(null, null, 700m, null, null));
        await Products.UpdateAsync(DomainHarness.Staff, ghee.Id, new UpdateProduct(null, null, null, null, null, MinStock: 0)); // no minimum
        Assert.Null((await Stock.ListAsync(DomainHarness.Admin)).Single(l => l.Product.Id == ghee.Id).Severity);
        Assert.Single(alerts.Events);
    }

    [Fact]
    public async Task A_delivered_entry_takes_its_liters_from_the_daily_milk_and_a_change_or_undelivery_moves_only_the_difference()
    {
        var milk = await Products.CreateAsync(DomainHarness.Staff, new CreateProduct("Toned milk", "L", 56m, MinStock: 5, DailyMilk: true));
        await Receive(milk, 10);
        var asha = await _h.CreateCustomerAsync("Asha");
        var bhavna = await _h.CreateCustomerAsync("Bhavna");

        var entry = await _h.DeliverAsync(asha.Id, _h.Today, 2m);
        Assert.Equal(8m, await OnHandAsync(milk));
        await _h.Deliveries.UpdateAsync(DomainHarness.Staff, entry.Id, new UpdateDelivery(3.5m, null, null, entry.Version));
        Assert.Equal(6.5m, await OnHandAsync(milk));
        var skipped = await _h.Deliveries.UpdateAsync(DomainHarness.Staff, entry.Id, new UpdateDelivery(null, null, "skipped", entry.Version + 1));
        Assert.Equal(10m, await OnHandAsync(milk));
        await _h.Deliveries.UpdateAsync(DomainHarness.Staff, entry.Id, new UpdateDelivery(1m, null, null, skipped.Version)); // skipped: nothing left
        Assert.Equal(10m, await OnHandAsync(milk));

        // A route's round, marked delivered at once: one movement for the lot. The books may go below zero: the milk left.
        await _h.DeliverAsync(bhavna.Id, _h.Today.AddDays(-1), 1m, status: "pending");
        await _h.Deliveries.GenerateAsync(DomainHarness.Staff, new GenerateDaySheet(_h.Today.AddDays(-1)));
        await _h.DeliverAsync(asha.Id, _h.Today.AddDays(-1), 12m, status: "pending");
        var round = await _h.Deliveries.MarkRouteDeliveredAsync(DomainHarness.Staff, new MarkRouteDelivered(_h.Today.AddDays(-1), "Jayanagar"));
        Assert.Equal(2, round.Count);
        Assert.Equal(-3m, await OnHandAsync(milk));
        var level = (await Stock.ListAsync(DomainHarness.Admin)).Single(l => l.Product.Id == milk.Id);
        Assert.Equal(StockSeverity.Critical, level.Severity);

        var history = await Stock.HistoryAsync(DomainHarness.Admin, milk.Id);
        Assert.Equal([(StockMovementKind.Delivery, -13m, -3m), (StockMovementKind.Delivery, 3.5m, 10m), (StockMovementKind.Delivery, -1.5m, 6.5m),
            (StockMovementKind.Delivery, -2m, 8m), (StockMovementKind.Receipt, 10m, 10m)], history.Select(m => (m.Kind, m.Quantity, m.Balance)));
        Assert.StartsWith("2 deliveries", history[0].Note);
    }

    [Fact]
    public async Task Without_a_daily_milk_product_deliveries_move_no_stock()
    {
        var curd = await Products.CreateAsync(DomainHarness.Staff, new CreateProduct("Curd 500 g", "piece", 30m));
        var asha = await _h.CreateCustomerAsync("Asha");
        await _h.DeliverAsync(asha.Id, _h.Today, 2m);
        await using var db = _h.Db();
        Assert.False(await db.StockMovements.AnyAsync());
        Assert.Equal(0m, await OnHandAsync(curd));
    }

    [Fact]
    public async Task Only_one_product_is_the_daily_milk_and_it_is_counted_in_liters()
    {
        var first = await Products.CreateAsync(DomainHarness.Staff, new CreateProduct("Cow milk", "L", 56m, DailyMilk: true));
        var second = await Products.CreateAsync(DomainHarness.Staff, new CreateProduct("Buffalo milk", "L", 70m, DailyMilk: true));
        var all = await Products.ListAsync(DomainHarness.Admin, includeInactive: true);
        Assert.Equal(["Buffalo milk"], all.Where(p => p.IsDailyMilk).Select(p => p.Name));
        Assert.Equal(2, all.Single(p => p.Id == first.Id).Version);

        var error = await Assert.ThrowsAsync<DomainException>(() => Products.CreateAsync(DomainHarness.Staff, new CreateProduct("Milk tub", "piece", 30m, DailyMilk: true)));
        Assert.True(error.Errors.ContainsKey("dailyMilk"));
        var unit = await Assert.ThrowsAsync<DomainException>(() => Products.UpdateAsync(DomainHarness.Staff, second.Id, new UpdateProduct(null, "kg", null, null, null)));
        Assert.Equal(ErrorCodes.ValidationFailed, unit.Code);
    }

    [Fact]
    public async Task A_receipt_or_adjustment_that_would_take_stock_below_zero_is_refused_on_quantity_and_writes_nothing()
    {
        var paneer = await Products.CreateAsync(DomainHarness.Staff, new CreateProduct("Paneer 200 g", "piece", 95m));
        await Receive(paneer, 3);
        var before = await MovementsAsync();

        var below = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Adjust(paneer, -3.5m, "Spoilage"));
        Assert.Contains("Only 3 piece", below.Errors["quantity"][0]);
        foreach (var bad in new[] { 0m, -1m, 1.0001m })
        {
            var error = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Receive(paneer, bad));
            Assert.True(error.Errors.ContainsKey("quantity"));
        }

        var noReason = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Adjust(paneer, -1, " "));
        Assert.True(noReason.Errors.ContainsKey("reason"));
        var unknown = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Stock.ReceiveAsync(DomainHarness.Staff, new RecordReceipt(Guid.NewGuid(), 1)));
        Assert.True(unknown.Errors.ContainsKey("productId"));
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () => Stock.ReceiveAsync(DomainHarness.Delivery, new RecordReceipt(paneer.Id, 1)));

        Assert.Equal(before, await MovementsAsync());
        Assert.Equal(3m, await OnHandAsync(paneer));
        var all = await Adjust(paneer, -3, "Sold at the counter"); // down to exactly zero is fine
        Assert.Equal((0m, (StockSeverity?)null), (all.Level.Quantity, all.Level.Severity));
    }

    [Fact]
    public async Task When_a_later_reaction_rejects_the_command_the_stock_it_moved_rolls_back_with_the_delivery()
    {
        await using var h = await DomainHarness.StartAsync(configure: s => s.AddSingleton<IWriteReaction, RefuseElevenLiters>());
        var products = h.Get<ProductService>();
        var milk = await products.CreateAsync(DomainHarness.Staff, new CreateProduct("Toned milk", "L", 56m, DailyMilk: true));
        await h.Get<StockService>().ReceiveAsync(DomainHarness.Staff, new RecordReceipt(milk.Id, 20));
        var asha = await h.CreateCustomerAsync("Asha");

        var error = await Assert.ThrowsAsync<DomainException>(() => h.DeliverAsync(asha.Id, h.Today, 11m));
        Assert.Equal(ErrorCodes.Conflict, error.Code);
        await h.DeliverAsync(asha.Id, h.Today, 2m);

        await using var db = h.Db();
        Assert.Equal(18m, (await db.StockLevels.SingleAsync()).Quantity);
        Assert.Equal([20m, -2m], (await db.StockMovements.OrderBy(m => m.Id).ToListAsync()).Select(m => m.Quantity));
        Assert.Equal(2m, (await db.DailyEntries.SingleAsync()).Quantity);
    }

    /// <summary>A reaction after the stock's that refuses 11 L deliveries: the command and everything reacted to it must go.</summary>
    private sealed class RefuseElevenLiters : IWriteReaction
    {
        public Task ReactAsync(WriteScope scope, IReadOnlyList<IDomainEvent> events, CancellationToken ct) =>
            events.OfType<StockChanged>().Any(e => e.Movement?.Quantity == -11m)
                ? throw DomainException.Conflict("Eleven liters is one too many.")
                : Task.CompletedTask;
    }

    private Task<StockResult> Receive(Product product, decimal quantity) =>
        Stock.ReceiveAsync(DomainHarness.Staff, new RecordReceipt(product.Id, quantity, "Nandini dairy", 10m * quantity));

    private Task<StockResult> Adjust(Product product, decimal quantity, string reason) =>
        Stock.AdjustAsync(DomainHarness.Staff, new RecordAdjustment(product.Id, quantity, reason));

    private async Task<decimal> OnHandAsync(Product product) => (await Stock.ListAsync(DomainHarness.Admin)).Single(l => l.Product.Id == product.Id).Quantity;

    private async Task<int> MovementsAsync()
    {
        await using var db = _h.Db();
        return await db.StockMovements.CountAsync();
    }
}
