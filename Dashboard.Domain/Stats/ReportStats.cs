namespace Dashboard.Domain.Stats;

/// <summary>The day's figures. Sales and liters count delivered entries; dues sum what customers owe.</summary>
public sealed record ReportStats(
    DateOnly Date,
    decimal TotalLiters,
    decimal TotalSales,
    decimal TotalCollection,
    int ActiveCustomers,
    int PendingDeliveries,
    decimal OutstandingDues,
    DateTime ComputedAt);
