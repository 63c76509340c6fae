using Dashboard.Domain.Common;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Payments;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Analytics;

/// <summary>
/// Figures over a window of days ending at the business's today. Sums and groups run in the database (one row per day,
/// method or customer comes back, never one per entry), so a reload stays cheap on a year of deliveries.
/// </summary>
public sealed class AnalyticsService(DomainWriter writer, BusinessClock clock)
{
    public static readonly IReadOnlyList<int> Windows = [30, 90];

    public const int TopDuesCount = 10;

    public Task<AnalyticsReport> GetAsync(Actor actor, int days, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadAnalytics);
        ValidateWindow(days);
        var to = clock.Today;
        var from = to.AddDays(1 - days);
        return writer.ReadAsync(async db => new AnalyticsReport(from, to, days,
            await DailyAsync(db, from, to, ct), await MethodsAsync(db, from, to, ct), await DuesAsync(db, to, ct), clock.UtcNow), ct);
    }

    public Task<IReadOnlyList<DailyPoint>> DailyAsync(Actor actor, int days, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadAnalytics);
        ValidateWindow(days);
        var to = clock.Today;
        return writer.ReadAsync(db => DailyAsync(db, to.AddDays(1 - days), to, ct), ct);
    }

    public Task<IReadOnlyList<MethodTotal>> MethodsAsync(Actor actor, int days, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadAnalytics);
        ValidateWindow(days);
        var to = clock.Today;
        return writer.ReadAsync(db => MethodsAsync(db, to.AddDays(1 - days), to, ct), ct);
    }

    /// <summary>Dues as of today: not a window, every customer's whole history counts.</summary>
    public Task<DuesReport> DuesAsync(Actor actor, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadAnalytics);
        return writer.ReadAsync(db => DuesAsync(db, clock.Today, ct), ct);
    }

    private static void ValidateWindow(int days)
    {
        if (!Windows.Contains(days))
        {
            new Validation().Add("days", $"days must be one of {string.Join(", ", Windows)}.").ThrowIfInvalid();
        }
    }

    private static async Task<IReadOnlyList<DailyPoint>> DailyAsync(DashboardDbContext db, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var delivered = await db.DailyEntries
            .Where(e => e.Status == DeliveryStatus.Delivered && e.Date >= from && e.Date <= to)
            .GroupBy(e => e.Date)
            .Select(g => new { Date = g.Key, Liters = g.Sum(e => e.Quantity), Sales = g.Sum(e => e.Amount) })
            .ToDictionaryAsync(x => x.Date, ct);
        var collected = await db.Payments
            .Where(p => p.PaymentDate >= from && p.PaymentDate <= to)
            .GroupBy(p => p.PaymentDate)
            .Select(g => new { Date = g.Key, Amount = g.Sum(p => p.Amount) })
            .ToDictionaryAsync(x => x.Date, x => x.Amount, ct);

        // Every day of the window has a point, so a quiet day shows as zero rather than as a gap.
        var points = new List<DailyPoint>(to.DayNumber - from.DayNumber + 1);
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var d = delivered.GetValueOrDefault(day);
            points.Add(new DailyPoint(day, d?.Liters ?? 0m, d?.Sales ?? 0m, collected.GetValueOrDefault(day)));
        }

        return points;
    }

    private static async Task<IReadOnlyList<MethodTotal>> MethodsAsync(DashboardDbContext db, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var totals = await db.Payments
            .Where(p => p.PaymentDate >= from && p.PaymentDate <= to)
            .GroupBy(p => p.Method)
            .Select(g => new { Method = g.Key, Amount = g.Sum(p => p.Amount), Count = g.Count() })
            .ToDictionaryAsync(x => x.Method, ct);
        return Enum.GetValues<PaymentMethod>()
            .Select(m => totals.TryGetValue(m, out var t) ? new MethodTotal(m, t.Amount, t.Count) : new MethodTotal(m, 0m, 0))
            .ToList();
    }

    private static Task<DuesReport> DuesAsync(DashboardDbContext db, DateOnly today, CancellationToken ct) =>
        DuesAging.ComputeAsync(db, today, TopDuesCount, ct);
}
