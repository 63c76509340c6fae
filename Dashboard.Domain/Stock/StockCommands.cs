namespace Dashboard.Domain.Stock;

/// <summary>Stock received into the depot. Fields are nullable so that a missing one is a field error.</summary>
public sealed record RecordReceipt(Guid? ProductId, decimal? Quantity, string? Supplier = null, decimal? Cost = null);

/// <summary>A correction with its reason (spoilage, a return, a count): a negative quantity removes stock.</summary>
public sealed record RecordAdjustment(Guid? ProductId, decimal? Quantity, string? Reason);

/// <summary>What a receipt or an adjustment did: the movement, and the level it left.</summary>
public sealed record StockResult(StockLevel Level, StockMovement Movement);
