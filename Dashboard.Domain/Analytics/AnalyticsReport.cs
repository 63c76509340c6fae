using Dashboard.Domain.Payments;

namespace Dashboard.Domain.Analytics;

/// <summary>One day of the window: liters and sales delivered that day, payments dated that day.</summary>
public sealed record DailyPoint(DateOnly Date, decimal Liters, decimal Sales, decimal Collection);

/// <summary>Payments of one method over the window.</summary>
public sealed record MethodTotal(PaymentMethod Method, decimal Amount, int Count);

/// <summary>
/// Unpaid delivered amounts whose entry date is <see cref="FromDays"/> to <see cref="ToDays"/> days old (no upper
/// bound for the last bucket), and how many customers owe something in it.
/// </summary>
public sealed record AgingBucket(string Key, string Label, int FromDays, int? ToDays, decimal Amount, int Customers);

/// <summary>A customer who owes: the balance and the date of the oldest delivery not yet paid for (FIFO).</summary>
public sealed record TopDue(Guid CustomerId, string Name, decimal Balance, DateOnly OldestUnpaid);

public sealed record DuesReport(DateOnly AsOf, IReadOnlyList<AgingBucket> Aging, IReadOnlyList<TopDue> TopDues)
{
    public decimal Total => Aging.Sum(b => b.Amount);
}

public sealed record AnalyticsReport(
    DateOnly From,
    DateOnly To,
    int Days,
    IReadOnlyList<DailyPoint> Daily,
    IReadOnlyList<MethodTotal> Methods,
    DuesReport Dues,
    DateTime ComputedAt)
{
    public decimal Liters => Daily.Sum(d => d.Liters);

    public decimal Sales => Daily.Sum(d => d.Sales);

    public decimal Collection => Daily.Sum(d => d.Collection);
}
