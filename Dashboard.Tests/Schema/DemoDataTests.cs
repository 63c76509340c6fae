using System.Diagnostics;
using Dashboard.Domain.Activity;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Payments;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Products;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Schema;

/// <summary>One database seeded once; the tests read it.</summary>
public sealed class SeededDemo : IAsyncLifetime
{
    public DomainHarness Harness { get; private set; } = null!;

    public bool Seeded { get; private set; }

    public List<CustomerEntity> Customers { get; private set; } = [];

    public List<DailyEntryEntity> Entries { get; private set; } = [];

    public List<PaymentEntity> Payments { get; private set; } = [];

    public List<ActivityEntity> Activity { get; private set; } = [];

    /// <summary>Billed (delivered) minus paid, per customer.</summary>
    public decimal Balance(Guid customerId) =>
        Entries.Where(e => e.CustomerId == customerId && e.Status == DeliveryStatus.Delivered).Sum(e => e.Amount)
        - Payments.Where(p => p.CustomerId == customerId).Sum(p => p.Amount);

    public decimal DeliveredSince(Guid customerId, DateOnly from) =>
        Entries.Where(e => e.CustomerId == customerId && e.Status == DeliveryStatus.Delivered && e.Date >= from).Sum(e => e.Amount);

    public async Task InitializeAsync()
    {
        Harness = await DomainHarness.StartAsync();
        Seeded = await Harness.Get<DemoDataSeeder>().SeedIfEmptyAsync();
        await using var db = Harness.Db();
        Customers = await db.Customers.AsNoTracking().ToListAsync();
        Entries = await db.DailyEntries.AsNoTracking().ToListAsync();
        Payments = await db.Payments.AsNoTracking().ToListAsync();
        Activity = await db.Activity.AsNoTracking().ToListAsync();
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}

public sealed class DemoDataTests(SeededDemo demo) : IClassFixture<SeededDemo>
{
    private DateOnly Today => demo.Harness.Today;

    [Fact]
    public void Demo_data_seeds_about_200_customers_on_a_few_named_routes()
    {
        // How long seeding takes is logged at start ("Seeded demo data … in N ms"), not asserted: a loaded machine is no defect.
        Assert.True(demo.Seeded);
        Assert.InRange(demo.Customers.Count, 180, 220);
        Assert.InRange(demo.Customers.Select(c => c.Route).Distinct().Count(), 4, 5);
        Assert.Equal(demo.Customers.Count, demo.Customers.Select(c => c.Name).Distinct().Count());
        Assert.Equal(demo.Customers.Count, demo.Customers.Select(c => c.Phone).Distinct().Count());
        Assert.All(demo.Customers, c =>
        {
            Assert.InRange(c.DefaultQuantity, 0.5m, 3m);
            Assert.InRange(c.PricePerLiter, 50m, 70m);
            Assert.Matches(@"^\+91 [6-9]\d{4} \d{5}$", c.Phone);
            Assert.InRange(c.Address!.Length, 10, 200);
            Assert.True(c.Name.Length <= 100 && c.Route!.Length <= 50);
        });
        Assert.InRange(demo.Customers.Count(c => !c.IsActive), 2, 15);
    }

    [Fact]
    public void Demo_data_has_60_days_of_deliveries_and_today_as_the_morning_round_left_it()
    {
        var past = demo.Entries.Where(e => e.Date < Today).ToList();
        Assert.Equal(Today.AddDays(-1), past.Max(e => e.Date));
        Assert.Equal(60, past.Where(e => e.Date >= Today.AddDays(-60)).Select(e => e.Date).Distinct().Count());
        Assert.DoesNotContain(demo.Entries, e => e.Date > Today);
        Assert.DoesNotContain(past, e => e.Status == DeliveryStatus.Pending);
        Assert.InRange(past.Count(e => e.Status == DeliveryStatus.Delivered) / (double)past.Count, 0.85, 0.99);
        Assert.All(demo.Entries, e => Assert.Equal(Money.Round(e.Quantity * e.PricePerLiter), e.Amount));

        // Today's sheet as the morning round left it: delivered up to now (06:00-08:30 local), pending after.
        var sheet = demo.Entries.Where(e => e.Date == Today).ToList();
        var now = demo.Harness.Clock.UtcNow;
        Assert.All(sheet, e => Assert.Equal(e.Status == DeliveryStatus.Delivered, e.Status != DeliveryStatus.Pending && e.UpdatedAt <= now));
        Assert.All(sheet.Where(e => e.Status == DeliveryStatus.Delivered), e =>
            Assert.InRange(demo.Harness.Clock.ToLocal(e.UpdatedAt).TimeOfDay, TimeSpan.FromHours(6), TimeSpan.FromHours(8.5)));
        Assert.Contains(sheet, e => e.Status == DeliveryStatus.Delivered);
        Assert.Equal(demo.Customers.Where(c => c.IsActive).Select(c => c.Id).Order(), sheet.Select(e => e.CustomerId).Order());

        // An inactive customer's deliveries stop when they left.
        Assert.All(demo.Customers.Where(c => !c.IsActive), c =>
            Assert.True(demo.Entries.Where(e => e.CustomerId == c.Id).Max(e => e.Date) < Today.AddDays(-5)));
    }

    [Fact]
    public void Demo_payments_mix_methods_and_leave_arrears_of_30_days_and_more_and_a_few_advances()
    {
        Assert.InRange(demo.Payments.Count, 300, 5000);
        Assert.All(demo.Payments, p =>
        {
            Assert.True(p.Amount > 0 && decimal.Round(p.Amount, 2) == p.Amount, $"{p.Amount}");
            Assert.InRange(p.PaymentDate, Today.AddDays(-100), Today);
        });
        // The methods the forms offer; Mobile is the seeds' older name for UPI, and the demo business never used it.
        foreach (var method in PaymentMethods.Offered)
        {
            Assert.True(demo.Payments.Count(p => p.Method == method) >= demo.Payments.Count / 40, $"Too few {method} payments.");
        }

        Assert.DoesNotContain(demo.Payments, p => p.Method == PaymentMethod.Mobile);

        // Owing more than everything delivered in the last N days means the arrears reach back further than N days.
        var ids = demo.Customers.Select(c => c.Id).ToList();
        Assert.InRange(ids.Count(id => demo.Balance(id) > 0), demo.Customers.Count / 2, demo.Customers.Count);
        Assert.InRange(ids.Count(id => demo.Balance(id) > demo.DeliveredSince(id, Today.AddDays(-30)) + 1), 10, 80);
        Assert.InRange(ids.Count(id => demo.Balance(id) > demo.DeliveredSince(id, Today.AddDays(-60)) + 1), 1, 10);
        Assert.InRange(ids.Count(id => demo.Balance(id) < 0), 2, 15);
    }

    [Fact]
    public async Task Demo_figures_show_through_the_services()
    {
        var stats = await demo.Harness.Stats.ComputeAsync(Today);
        var today = demo.Entries.Where(e => e.Date == Today).ToList();
        Assert.Equal(today.Count(e => e.Status == DeliveryStatus.Pending), stats.PendingDeliveries);
        Assert.Equal(today.Where(e => e.Status == DeliveryStatus.Delivered).Sum(e => e.Quantity), stats.TotalLiters);
        Assert.Equal(demo.Customers.Count(c => c.IsActive), stats.ActiveCustomers);
        Assert.Equal(demo.Customers.Sum(c => Math.Max(0, demo.Balance(c.Id))), stats.OutstandingDues);

        var yesterday = await demo.Harness.Stats.ComputeAsync(Today.AddDays(-1));
        Assert.True(yesterday.TotalLiters > 100 && yesterday.TotalSales > 5000, $"{yesterday}");
    }

    [Fact]
    public async Task Demo_products_are_the_usual_extras_with_plausible_prices_through_the_service()
    {
        var catalog = await demo.Harness.Get<ProductService>().ListAsync(DomainHarness.Customer(demo.Customers[0].Id));
        Assert.Equal(["Butter", "Curd 500 g", "Extra milk 1 L", "Ghee 1 kg", "Paneer 200 g", "Toned milk"], catalog.Select(p => p.Name));
        Assert.Equal(["Toned milk"], catalog.Where(p => p.IsDailyMilk).Select(p => p.Name));
        Assert.All(catalog, p =>
        {
            Assert.InRange(p.Price, 20m, 1000m);
            Assert.Contains(p.Unit, ProductUnits.All);
            Assert.True(p.IsActive && p.Version == 1 && p.CreatedAt < demo.Harness.Clock.UtcNow, $"{p}");
        });
    }

    [Fact]
    public async Task Demo_activity_feed_holds_about_30_recent_system_rows_newest_last()
    {
        Assert.InRange(demo.Activity.Count, 20, 40);
        Assert.All(demo.Activity, a =>
        {
            Assert.Equal(Channel.System, a.Channel);
            Assert.Equal(("demo", "demo"), (a.UserId, a.UserName));
            Assert.True(a.At <= demo.Harness.Clock.UtcNow);
        });
        var feed = await demo.Harness.Activity.RecentAsync(DomainHarness.Admin, 50);
        Assert.Equal(feed.OrderByDescending(a => a.At).Select(a => a.Id), feed.Select(a => a.Id));
        Assert.Contains(feed, a => a.Action == "payment.added");
    }

    [Fact]
    public async Task Seeding_again_returns_false_and_adds_nothing()
    {
        var before = await demo.Harness.CountRowsAsync();
        Assert.False(await demo.Harness.Get<DemoDataSeeder>().SeedIfEmptyAsync());
        Assert.Equal(before, await demo.Harness.CountRowsAsync());
    }

    [Fact]
    public async Task Demo_data_is_not_seeded_into_a_database_that_has_a_customer()
    {
        await using var h = await DomainHarness.StartAsync();
        await h.CreateCustomerAsync();
        var before = await h.CountRowsAsync();
        Assert.False(await h.Get<DemoDataSeeder>().SeedIfEmptyAsync());
        Assert.Equal(before, await h.CountRowsAsync());
    }

    [Fact]
    public async Task Demo_data_is_the_same_every_time_for_the_same_day()
    {
        await using var h = await DomainHarness.StartAsync();
        Assert.True(await h.Get<DemoDataSeeder>().SeedIfEmptyAsync());
        await using var db = h.Db();
        Assert.Equal(demo.Customers.Select(c => (c.Id, c.Name, c.Phone, c.Route, c.DefaultQuantity, c.PricePerLiter)).Order(),
            (await db.Customers.AsNoTracking().ToListAsync()).Select(c => (c.Id, c.Name, c.Phone, c.Route, c.DefaultQuantity, c.PricePerLiter)).Order());
        Assert.Equal(demo.Payments.Select(p => (p.Id, p.Amount, p.Method, p.PaymentDate)).Order(),
            (await db.Payments.AsNoTracking().ToListAsync()).Select(p => (p.Id, p.Amount, p.Method, p.PaymentDate)).Order());
    }
}
