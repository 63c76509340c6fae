using System.Globalization;
using System.Text.Json;
using Dashboard.Domain.Activity;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Orders;
using Dashboard.Domain.Payments;
using Dashboard.Domain.Products;
using static Dashboard.Domain.Persistence.DemoCatalog;

namespace Dashboard.Domain.Persistence;

/// <summary>The demo business, generated in memory; <see cref="DemoDataSeeder"/> writes it.</summary>
internal sealed partial class DemoBusiness
{
    public const int Seed = 20_261_122;

    public const string DemoUser = "demo";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly PaymentMethod[] Methods = [PaymentMethod.Cash, PaymentMethod.Upi, PaymentMethod.Bank];

    private readonly TimeZoneInfo _zone;
    private readonly DateOnly _today;
    private readonly DateTime _now;
    private readonly int _nowMinuteOfDay;

    private DemoBusiness(BusinessClock clock)
    {
        _zone = clock.Zone;
        _today = clock.Today;
        _now = clock.UtcNow;
        _nowMinuteOfDay = (int)clock.ToLocal(_now).TimeOfDay.TotalMinutes;
    }

    public List<CustomerEntity> Customers { get; } = [];

    public List<DailyEntryEntity> Entries { get; } = [];

    public List<PaymentEntity> Payments { get; } = [];

    public List<ProductEntity> Products { get; } = [];

    public List<OrderEntity> Orders { get; } = [];

    public List<ActivityEntity> Activity { get; } = [];

    public static DemoBusiness Generate(BusinessClock clock)
    {
        var business = new DemoBusiness(clock);
        var profiles = DemoProfile.Create(new Random(Seed));
        for (var i = 0; i < profiles.Count; i++)
        {
            // One generator per customer: the customer list stays the same whatever today's date does to the history.
            business.Simulate(profiles[i], new Random(Seed + 1 + i));
        }

        business.AddProducts(new Random(Seed - 1));
        business.AddOrders(new Random(Seed - 2));
        business.AddStock();
        business.AddOffers();
        business.AddChats();
        business.AddSubscriptions();
        business.BuildActivity();
        return business;
    }

    private void Simulate(DemoProfile p, Random rng)
    {
        var firstDay = _today.AddDays(-p.StartDaysAgo);
        var lastDay = _today.AddDays(-(p.StoppedDaysAgo ?? 1));
        var createdAt = Utc(firstDay.AddDays(-1 - p.KnownForDays), rng.Next(9 * 60, 19 * 60));
        var customer = new CustomerEntity
        {
            Id = NewId(createdAt, rng),
            Name = p.Name,
            Phone = p.Phone,
            PhoneDigits = new string(p.Phone.Where(char.IsAsciiDigit).ToArray()),
            Address = p.Address,
            Route = p.Route.Name,
            DefaultQuantity = p.Quantity,
            PricePerLiter = p.Price,
            IsActive = p.StoppedDaysAgo is null,
            CreatedAt = createdAt,
            UpdatedAt = p.StoppedDaysAgo is null ? createdAt : Utc(lastDay, 20 * 60),
            Version = p.StoppedDaysAgo is null ? 1 : 2,
        };
        Customers.Add(customer);

        // billedBefore[k]: delivered amounts on the days before firstDay + k; index StartDaysAgo is today.
        var days = p.StartDaysAgo;
        var billedBefore = new decimal[days + 2];
        var vacation = rng.NextDouble() < 0.15 ? rng.Next(days) : -100;
        var vacationDays = rng.Next(3, 8);
        for (var k = 0; k <= days; k++)
        {
            var date = firstDay.AddDays(k);
            billedBefore[k + 1] = billedBefore[k];
            if (date == _today && customer.IsActive)
            {
                // Today's sheet as the morning round left it: what the agent has reached by now is delivered.
                var round = (6 * 60) + rng.Next(150);
                AddEntry(p, customer.Id, date, p.Quantity, _nowMinuteOfDay >= round ? DeliveryStatus.Delivered : DeliveryStatus.Pending, rng, round);
                continue;
            }

            if (date > lastDay)
            {
                continue;
            }

            var skipped = (k >= vacation && k < vacation + vacationDays) || rng.NextDouble() < 0.04;
            var quantity = p.Quantity;
            var roll = rng.NextDouble();
            quantity += skipped ? 0 : roll < 0.04 ? 0.5m : roll < 0.06 && quantity > 0.5m ? -0.5m : 0;
            var entry = AddEntry(p, customer.Id, date, quantity, skipped ? DeliveryStatus.Skipped : DeliveryStatus.Delivered, rng);
            billedBefore[k + 1] += skipped ? 0 : entry.Amount;
        }

        var paid = 0m;
        var settleOn = lastDay.AddDays(rng.Next(1, 4));
        for (var k = 0; k <= days; k++)
        {
            var date = firstDay.AddDays(k);
            var owed = billedBefore[k] - paid;
            var owedForLastMonth = billedBefore[Math.Clamp(new DateOnly(date.Year, date.Month, 1).DayNumber - firstDay.DayNumber, 0, k)] - paid;
            if (date == _today && _nowMinuteOfDay < 8 * 60)
            {
                break;
            }

            var (amount, note) = p.StoppedDaysAgo is not null && date > lastDay
                ? (p.SettlesOnLeaving && date == settleOn ? owed : 0, "Final settlement")
                : Decide(p, k, date, owed, owedForLastMonth, rng);
            if (amount > 0)
            {
                paid += AddPayment(p, customer.Id, date, Money.Round(amount), note, rng).Amount;
            }
        }
    }

    private (decimal Amount, string? Note) Decide(DemoProfile p, int k, DateOnly date, decimal owed, decimal owedForLastMonth, Random rng)
    {
        var lastMonth = date.AddMonths(-1).ToString("MMMM", CultureInfo.InvariantCulture);
        var weeklyDay = k > 0 && date.DayOfWeek == p.PayWeekday;
        var monthlyDay = k > 0 && date.Day == p.PayDay;
        switch (p.Habit)
        {
            case PayHabit.Weekly:
            case PayHabit.StoppedPaying when p.PaysWeekly && date > _today.AddDays(-p.PaysUntilDaysAgo):
                // Now and then a week is missed; cash is handed over in round tens.
                return weeklyDay && rng.NextDouble() > 0.08 && owed >= 10
                    ? (p.Method == PaymentMethod.Cash ? Math.Round(owed / 10, MidpointRounding.AwayFromZero) * 10 : owed, null)
                    : (0, null);
            case PayHabit.Monthly:
            case PayHabit.StoppedPaying when !p.PaysWeekly && date > _today.AddDays(-p.PaysUntilDaysAgo):
                return monthlyDay && owedForLastMonth > 0 ? (owedForLastMonth, rng.NextDouble() < 0.5 ? $"{lastMonth} bill" : null) : (0, null);
            case PayHabit.Partial:
                var part = Math.Floor(owedForLastMonth * (decimal)(0.4 + (0.3 * rng.NextDouble())) / 100) * 100;
                return monthlyDay && part >= 100 ? (part, $"Part payment, {lastMonth} bill") : (0, null);
            case PayHabit.Irregular:
                var some = Math.Max(100, Math.Round(owed * (decimal)(0.5 + (0.5 * rng.NextDouble())) / 100) * 100);
                return rng.NextDouble() < 0.09 && owed > 250 ? (some, null) : (0, null);
            case PayHabit.LongDefaulter:
                return k == 12 ? (500, "Part payment, promised the rest next month") : (0, null);
            case PayHabit.Advance:
                var monthly = p.Quantity * p.Price * 30;
                return k == 0 ? (Math.Ceiling(monthly * 1.5m / 500) * 500, "Advance")
                    : monthlyDay && k >= 10 ? (Math.Ceiling(monthly / 100) * 100, $"Advance for {date:MMMM}") : (0, null);
            default:
                return (0, null);
        }
    }

    private DailyEntryEntity AddEntry(DemoProfile p, Guid customerId, DateOnly date, decimal quantity, DeliveryStatus status, Random rng,
        int? deliveredAtMinute = null)
    {
        var created = Utc(date, (5 * 60) + rng.Next(20));
        var entry = new DailyEntryEntity
        {
            Id = NewId(created, rng),
            CustomerId = customerId,
            Date = date,
            Quantity = quantity,
            PricePerLiter = p.Price,
            Amount = Money.Round(quantity * p.Price),
            Status = status,
            UpdatedBy = status == DeliveryStatus.Pending ? DemoUser : p.Route.Agent,
            CreatedAt = created,
            UpdatedAt = status == DeliveryStatus.Pending ? created : Utc(date, deliveredAtMinute ?? (6 * 60) + rng.Next(150)),
            Version = status == DeliveryStatus.Pending ? 1 : 2,
        };
        Entries.Add(entry);
        return entry;
    }

    private PaymentEntity AddPayment(DemoProfile p, Guid customerId, DateOnly date, decimal amount, string? note, Random rng)
    {
        var method = p.Habit == PayHabit.Advance || rng.NextDouble() < 0.85 ? p.Method : Pick(rng, Methods);
        note ??= method switch
        {
            PaymentMethod.Upi when rng.NextDouble() < 0.4 => $"{Pick(rng, MobileApps)} ref {rng.Next(100_000_000, 999_999_999)}",
            PaymentMethod.Bank when rng.NextDouble() < 0.5 => rng.NextDouble() < 0.5 ? "NEFT" : "IMPS",
            PaymentMethod.Cheque => $"Cheque no. {rng.Next(100_000, 999_999)}",
            PaymentMethod.Cash when rng.NextDouble() < 0.1 => "Collected on route",
            _ => null,
        };
        var created = Utc(date, rng.Next(7 * 60, date == _today ? _nowMinuteOfDay : 20 * 60));
        var payment = new PaymentEntity
        {
            Id = NewId(created, rng),
            CustomerId = customerId,
            Amount = amount,
            Method = method,
            PaymentDate = date,
            Note = note,
            RecordedBy = method == PaymentMethod.Cash ? p.Route.Agent : OfficeStaff,
            CreatedAt = created,
        };
        Payments.Add(payment);
        return payment;
    }

    // The demo is an Indian dairy: its kept sentences are written as an en-IN business with rupees writes them.
    private static Wording Words => Wording.Default;

    /// <summary>The last ~30 things that happened (recent payments, yesterday's exceptions, day sheets), oldest first.</summary>
    private void BuildActivity()
    {
        var names = Customers.ToDictionary(c => c.Id, c => c.Name);
        var rows = new List<ActivityEntity>();
        foreach (var day in new[] { _today.AddDays(-1), _today })
        {
            var sheet = Entries.Where(e => e.Date == day).ToList();
            if (sheet.Count > 0)
            {
                rows.Add(Row(sheet.Min(e => e.CreatedAt), "deliveries.generated", "daysheet", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    $"Prepared the day sheet for {Words.Date(day)}: {Words.Count(sheet.Count, "entry", "entries")}", null, null));
            }
        }

        var customers = Customers.ToDictionary(c => c.Id);
        foreach (var e in Entries.Where(e => e.Date == _today.AddDays(-1)
                     && (e.Status == DeliveryStatus.Skipped || e.Quantity != customers[e.CustomerId].DefaultQuantity)))
        {
            var model = e.ToModel(names[e.CustomerId]);
            rows.Add(Row(e.UpdatedAt, "delivery.updated", "delivery", e.Id.ToString(),
                $"{model.CustomerName}: {Words.Liters(model.Quantity)} {model.Status.ToString().ToLowerInvariant()} on {Words.Date(model.Date)} ({Words.Money(model.Amount)})",
                e.CustomerId, model));
        }

        foreach (var p in Payments.Where(p => p.PaymentDate >= _today.AddDays(-2)))
        {
            var model = p.ToModel(names[p.CustomerId]);
            rows.Add(Row(p.CreatedAt, "payment.added", "payment", p.Id.ToString(),
                $"{model.CustomerName} paid {Words.Money(model.Amount)} by {PaymentMethods.Label(p.Method)}", p.CustomerId, model));
        }

        foreach (var c in Customers.Where(c => !c.IsActive))
        {
            rows.Add(Row(c.UpdatedAt, "customer.updated", "customer", c.Id.ToString(), $"Updated customer {c.Name}", c.Id, c.ToModel()));
        }

        Activity.AddRange(rows.OrderBy(r => r.At).TakeLast(30));
    }

    private static ActivityEntity Row(DateTime at, string action, string entityType, string entityId, string summary, Guid? customerId, object? after) => new()
    {
        At = at,
        UserId = DemoUser,
        UserName = DemoUser,
        Action = action,
        EntityType = entityType,
        EntityId = entityId,
        Summary = summary,
        Channel = Channel.System,
        CustomerId = customerId,
        After = after is null ? null : JsonSerializer.Serialize(after, Json),
    };

    /// <summary>The business's local time on a day, in UTC, never later than now.</summary>
    private DateTime Utc(DateOnly date, int minuteOfDay)
    {
        var local = date.ToDateTime(TimeOnly.MinValue).AddMinutes(minuteOfDay);
        while (_zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        var utc = TimeZoneInfo.ConvertTimeToUtc(local, _zone);
        return utc < _now ? utc : _now;
    }

    private void AddProducts(Random rng)
    {
        var createdAt = Utc(_today.AddDays(-90), 10 * 60);
        foreach (var (name, unit, price) in DemoCatalog.Products)
        {
            Products.Add(new ProductEntity
            {
                Id = NewId(createdAt, rng), Name = name, NormalizedName = ProductEntity.Normalize(name), Unit = unit, Price = price,
                IsActive = true, CreatedAt = createdAt, UpdatedAt = createdAt, Version = 1, MinStock = MinStock(name), IsDailyMilk = name == DailyMilk,
            });
        }
    }

    /// <summary>
    /// A few one-off orders for the board: placed and confirmed for today's and tomorrow's rounds, one cancelled. None is
    /// delivered, so the demo's balances stay those of its deliveries and payments.
    /// </summary>
    private void AddOrders(Random rng)
    {
        var active = Customers.Where(c => c.IsActive).ToList();
        (OrderStatus Status, int Day)[] plan =
        [
            (OrderStatus.Confirmed, 0), (OrderStatus.Confirmed, 0), (OrderStatus.Placed, 0), (OrderStatus.Cancelled, 0),
            (OrderStatus.Placed, 1), (OrderStatus.Placed, 1), (OrderStatus.Confirmed, 1), (OrderStatus.Placed, 1),
        ];
        var number = 1000;
        foreach (var (status, day) in plan)
        {
            var customer = active[rng.Next(active.Count)];
            var placedAt = Utc(_today.AddDays(day - 1), (17 * 60) + rng.Next(180));
            var order = new OrderEntity
            {
                Id = NewId(placedAt, rng), Number = ++number, CustomerId = customer.Id, Status = status, DeliveryDate = _today.AddDays(day),
                CreatedAt = placedAt, UpdatedAt = placedAt, Version = status == OrderStatus.Placed ? 1 : 2,
                CancelReason = status == OrderStatus.Cancelled ? "Away for the weekend" : null,
            };
            foreach (var (product, position) in Products.Where(p => !p.IsDailyMilk).OrderBy(_ => rng.Next()).Take(1 + rng.Next(2)).Select((p, i) => (p, i)))
            {
                var quantity = (decimal)(1 + rng.Next(2));
                order.Items.Add(new OrderItemEntity
                {
                    Id = NewId(placedAt, rng), ProductId = product.Id, ProductName = product.Name, Unit = product.Unit, Quantity = quantity,
                    UnitPrice = product.Price, Amount = Money.Round(quantity * product.Price), Position = position,
                });
            }

            order.Total = order.Items.Sum(i => i.Amount);
            order.Steps.Add(new OrderStepEntity
            {
                Status = OrderStatus.Placed, At = placedAt, ByUserId = "demo", ByName = customer.Name, Channel = Channel.SocketIo,
            });
            if (status != OrderStatus.Placed)
            {
                order.Steps.Add(new OrderStepEntity
                {
                    Status = status, At = placedAt.AddMinutes(40), ByUserId = "demo", ByName = "Office", Channel = Channel.Web,
                    Note = order.CancelReason,
                });
            }

            Orders.Add(order);
        }
    }

    /// <summary>A version 7 (time-ordered) id whose random part comes from the seeded generator.</summary>
    private static Guid NewId(DateTime utc, Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        var ms = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }

        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
