using Dashboard.Domain.Events;

namespace Dashboard.Domain.Stock;

/// <summary>A product's stock moved, or its severity changed with its minimum (<paramref name="Movement"/> null).</summary>
public sealed record StockChanged(StockLevel Level, StockMovement? Movement) : IDomainEvent
{
    public Guid? CustomerId => null;
}

/// <summary>
/// A product fell below its minimum, or got worse while below it: once per crossing and severity, never per write. It
/// carries what a staff notification says.
/// </summary>
public sealed record StockLowAlert(Guid ProductId, string ProductName, string Unit, decimal Quantity, decimal MinStock, StockSeverity Severity)
    : IDomainEvent
{
    public Guid? CustomerId => null;
}
