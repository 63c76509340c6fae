namespace Dashboard.Domain.Products;

/// <summary>Fields are nullable so that a missing field is reported as a validation error, not a binder failure.</summary>
/// <param name="MinStock">The stock level below which staff are alerted (0 or absent: none).</param>
/// <param name="DailyMilk">This product is the milk the daily deliveries draw from (it takes the mark from any other).</param>
public sealed record CreateProduct(string? Name, string? Unit, decimal? Price, decimal? MinStock = null, bool? DailyMilk = null);

/// <summary>
/// A partial update: only the fields that are present change; with a version, only that version. <c>minStock: 0</c>
/// removes the minimum.
/// </summary>
public sealed record UpdateProduct(string? Name, string? Unit, decimal? Price, bool? IsActive, int? Version, decimal? MinStock = null,
    bool? DailyMilk = null);
