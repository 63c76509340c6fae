using Dashboard.Domain;
using Dashboard.Domain.Activity;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.DeliveryRoutes;
using Dashboard.Domain.Events;
using Dashboard.Domain.Payments;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Stats;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Support;

/// <summary>
/// The domain on its own fresh SQLite file (a real file, as in production: WAL, pooling, several connections), with a
/// fixed business time zone and a clock the test controls. Deletes the file on dispose.
/// </summary>
public sealed class DomainHarness : IAsyncDisposable
{
    /// <summary>India Standard Time without depending on the machine's tz database.</summary>
    public static readonly TimeZoneInfo Zone =
        TimeZoneInfo.CreateCustomTimeZone("Test/IST", TimeSpan.FromHours(5.5), "IST (tests)", "IST (tests)");

    /// <summary>Noon in the business's zone: "today" cannot roll over while a test runs.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 22, 6, 30, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    private DomainHarness(string path, ServiceProvider services, ManualTime time)
    {
        DatabasePath = path;
        _services = services;
        Time = time;
    }

    public string DatabasePath { get; }

    public string ConnectionString => $"Data Source={DatabasePath}";

    public IServiceProvider Services => _services;

    public ManualTime Time { get; }

    public BusinessClock Clock => Get<BusinessClock>();

    public DateOnly Today => Clock.Today;

    public IEventAggregator Events => Get<IEventAggregator>();

    public CustomerService Customers => Get<CustomerService>();

    public DeliveryService Deliveries => Get<DeliveryService>();

    public PaymentService Payments => Get<PaymentService>();

    public StatsService Stats => Get<StatsService>();

    public ActivityService Activity => Get<ActivityService>();

    public static Actor Admin { get; } = new("admin-1", "Asha Admin", Roles.Admin, Channel.Api);

    public static Actor Staff { get; } = new("staff-1", "Sunil Staff", Roles.Staff, Channel.Web);

    /// <summary>An agent of route Jayanagar, where <see cref="CreateCustomerAsync"/> puts customers by default.</summary>
    public static Actor Delivery { get; } = new("agent-1", "Ramesh Agent", Roles.Delivery, Channel.SocketIo, Routes: ["Jayanagar"]);

    public static Actor Customer(Guid customerId) => new($"customer-{customerId:N}", "A Customer", Roles.Customer, Channel.Hub, customerId);

    /// <summary>For <see cref="StartAsync"/>'s configure: quantities to the milliliter, up to 1 000 L.</summary>
    public static void MilliliterQuantities(IServiceCollection services) => services.AddSingleton(new QuantityRules(1000m, 0.001m));

    /// <param name="initialize">Run <see cref="DatabaseInitializer"/> (migrate to the latest schema); off for schema tests.</param>
    public static async Task<DomainHarness> StartAsync(bool initialize = true, Action<IServiceCollection>? configure = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dashboard-domain-test-{Guid.NewGuid():N}.db");
        var time = new ManualTime(DefaultNow);
        var services = new ServiceCollection()
            .AddLogging()
            .AddDashboardDomain($"Data Source={path}", Zone)
            .AddSingleton<TimeProvider>(time);
        configure?.Invoke(services);
        var harness = new DomainHarness(path, services.BuildServiceProvider(), time);
        if (initialize)
        {
            await harness.Get<DatabaseInitializer>().InitializeAsync();
        }

        return harness;
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>A context of its own, for arranging and asserting rows directly. Dispose it.</summary>
    public DashboardDbContext Db() => Get<IDbContextFactory<DashboardDbContext>>().CreateDbContext();

    public async Task<RowCounts> CountRowsAsync()
    {
        await using var db = Db();
        return new RowCounts(await db.Customers.CountAsync(), await db.DailyEntries.CountAsync(),
            await db.Payments.CountAsync(), await db.Activity.CountAsync());
    }

    /// <summary>Runs a command that must be rejected with <paramref name="code"/>, and checks it wrote no row at all.</summary>
    public async Task<DomainException> AssertRejectedAsync(string code, Func<Task> command)
    {
        var before = await CountRowsAsync();
        var error = await Assert.ThrowsAsync<DomainException>(command);
        Assert.Equal(code, error.Code);
        Assert.Equal(before, await CountRowsAsync());
        return error;
    }

    public async Task<Customer> CreateCustomerAsync(string name = "Lakshmi Rao", decimal quantity = 1m, decimal price = 60m,
        string? route = "Jayanagar", bool active = true)
    {
        await EnsureRouteAsync(route);
        return await Customers.CreateAsync(Admin, new CreateCustomer(name, "+91 98450 12345", "12, 4th Block, Jayanagar", route, quantity, price, active));
    }

    /// <summary>Puts a route on the business's list, as its admin would have (a row, no activity): customers can only be on listed routes.</summary>
    public async Task EnsureRouteAsync(string? route)
    {
        if (string.IsNullOrWhiteSpace(route))
        {
            return;
        }

        await using var db = Db();
        var normalized = RouteEntity.Normalize(route);
        if (!await db.Routes.AnyAsync(r => r.NormalizedName == normalized))
        {
            db.Routes.Add(new RouteEntity { Name = route.Trim(), NormalizedName = normalized, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
    }

    public async Task<DailyEntry> DeliverAsync(Guid customerId, DateOnly date, decimal quantity, string status = "delivered", decimal? price = null) =>
        (await Deliveries.RecordAsync(Staff, new RecordDelivery(customerId, date, quantity, price, status))).Entry;

    public Task<Payment> PayAsync(Guid customerId, decimal amount, DateOnly? date = null, string method = "CASH") =>
        Payments.AddAsync(Staff, new AddPayment(customerId, amount, method, date ?? Today, null, ConfirmBackdated: true));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }
}

public sealed record RowCounts(int Customers, int Entries, int Payments, int Activity);

/// <summary>Collects what a subscriber receives from the aggregator, in the order it receives it.</summary>
public sealed class EventRecorder<T> : IDisposable where T : IDomainEvent
{
    private readonly Lock _gate = new();
    private readonly List<T> _events = [];
    private readonly IDisposable _subscription;

    public EventRecorder(IEventAggregator aggregator) => _subscription = aggregator.Subscribe<T>(e =>
    {
        lock (_gate)
        {
            _events.Add(e);
        }

        return Task.CompletedTask;
    });

    public IReadOnlyList<T> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public Task<IReadOnlyList<T>> WaitForCountAsync(int count) =>
        Eventually.ValueAsync(() => Events, events => events.Count >= count, $"{count} events of {typeof(T).Name}");

    public void Dispose() => _subscription.Dispose();
}

public static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Polls until <paramref name="done"/> holds for the value, or fails the test after <see cref="Timeout"/>.</summary>
    public static async Task<T> ValueAsync<T>(Func<T> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var value = read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {Timeout.TotalSeconds} s waiting for {what}; last value: {value}");
            }

            await Task.Delay(10);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what) => ValueAsync(condition, ok => ok, what);
}

/// <summary>A clock that stands still until the test moves it.</summary>
public sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now;
}
