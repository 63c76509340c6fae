using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Stats;

public sealed class StatsService(DomainWriter writer, BusinessClock clock)
{
    public Task<ReportStats> GetAsync(Actor actor, DateOnly? date, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadStats);
        return ComputeAsync(BusinessDates.Readable("date", date ?? clock.Today), ct);
    }

    /// <summary>
    /// The figures for one day; dues are as of the end of that day (what customers owed then, never netting one
    /// customer's advance against another's arrears).
    /// </summary>
    public Task<ReportStats> ComputeAsync(DateOnly date, CancellationToken ct = default) => writer.ReadAsync(async db =>
    {
        var day = db.DailyEntries.Where(e => e.Date == date);
        var delivered = day.Where(e => e.Status == DeliveryStatus.Delivered);
        var liters = await delivered.SumAsync(e => e.Quantity, ct);
        var sales = MoneySql.FromCents(await delivered.SumAsync(e => MoneySql.Cents(e.Amount), ct));
        var pending = await day.CountAsync(e => e.Status == DeliveryStatus.Pending, ct);
        var collection = MoneySql.FromCents(await db.Payments.Where(p => p.PaymentDate == date).SumAsync(p => MoneySql.Cents(p.Amount), ct));
        var active = await db.Customers.CountAsync(c => c.IsActive, ct);

        var billed = await Billing.Charges(db).Where(e => e.Date <= date)
            .GroupBy(e => e.CustomerId).Select(g => new { g.Key, Sum = g.Sum(e => MoneySql.Cents(e.Amount)) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var paid = await db.Payments.Where(p => p.PaymentDate <= date)
            .GroupBy(p => p.CustomerId).Select(g => new { g.Key, Sum = g.Sum(p => MoneySql.Cents(p.Amount)) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var dues = MoneySql.FromCents(billed.Sum(b => Math.Max(0L, b.Value - paid.GetValueOrDefault(b.Key))));

        return new ReportStats(date, liters, sales, collection, active, pending, dues, clock.UtcNow);
    }, ct);
}
