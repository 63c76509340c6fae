namespace Dashboard.Domain.Deliveries;

/// <summary>
/// What was delivered to a customer on a day. <paramref name="Version"/> is the version of the day's entry the caller
/// last saw: required to change an entry already recorded as delivered or skipped (a day sheet's pending entry may be
/// filled in without it).
/// </summary>
public sealed record RecordDelivery(Guid? CustomerId, DateOnly? Date, decimal? Quantity, decimal? PricePerLiter, string? Status,
    int? Version = null);

public sealed record UpdateDelivery(decimal? Quantity, decimal? PricePerLiter, string? Status, int? Version);

public sealed record GenerateDaySheet(DateOnly? Date);

public sealed record DaySheetResult(DateOnly Date, int Created, int Existing);

/// <summary>The outcome of recording a delivery: a new entry, or the day's existing entry updated.</summary>
public sealed record RecordDeliveryResult(DailyEntry Entry, bool Created);

/// <summary>Every pending entry of one route on one day becomes delivered. Route "" means the customers without a route.</summary>
public sealed record MarkRouteDelivered(DateOnly? Date, string? Route);

public sealed record RouteDeliveredResult(DateOnly Date, string Route, int Count, IReadOnlyList<DailyEntry> Entries);
