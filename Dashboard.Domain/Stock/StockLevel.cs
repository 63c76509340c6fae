using System.Text.Json.Serialization;
using Dashboard.Domain.Products;

namespace Dashboard.Domain.Stock;

/// <summary>How far below its minimum a product is (seed 002), in increasing order of urgency.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StockSeverity>))]
public enum StockSeverity
{
    [JsonStringEnumMemberName("medium")] Medium,
    [JsonStringEnumMemberName("high")] High,
    [JsonStringEnumMemberName("critical")] Critical,
}

public static class StockRule
{
    /// <summary>
    /// Seed 002's rule, for a product below its minimum: nothing left is critical, at most half the minimum is high,
    /// anything else below it medium. Null: not below the minimum, or no minimum set. Less than nothing (deliveries left
    /// before the receipt was booked) is critical too.
    /// </summary>
    public static StockSeverity? Severity(decimal quantity, decimal? minStock) => minStock switch
    {
        not > 0 => null,
        { } min when quantity >= min => null,
        _ when quantity <= 0 => StockSeverity.Critical,
        { } min when quantity * 2 <= min => StockSeverity.High,
        _ => StockSeverity.Medium,
    };
}

/// <summary>One product's stock on hand, as every channel sees it.</summary>
/// <param name="Severity">How low it is (null: at or above its minimum, or none set).</param>
public sealed record StockLevel(Product Product, decimal Quantity, decimal? MinStock, StockSeverity? Severity, DateTime? UpdatedAt);

/// <summary>What moved a product's stock.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StockMovementKind>))]
public enum StockMovementKind
{
    [JsonStringEnumMemberName("receipt")] Receipt,
    [JsonStringEnumMemberName("adjustment")] Adjustment,
    [JsonStringEnumMemberName("delivery")] Delivery,
    [JsonStringEnumMemberName("order")] Order,
}

/// <summary>One line of a product's stock history. <paramref name="Quantity"/> is signed: negative took stock out.</summary>
/// <param name="Balance">Stock on hand after this movement.</param>
/// <param name="Note">What it was for, for people: the reason of an adjustment, the delivery or order it follows.</param>
public sealed record StockMovement(long Id, Guid ProductId, string ProductName, StockMovementKind Kind, decimal Quantity, decimal Balance,
    string? Supplier, decimal? Cost, string? Note, string By, DateTime At);

public sealed class StockLevelEntity
{
    public Guid ProductId { get; set; }

    public decimal Quantity { get; set; }

    /// <summary>The severity as of the last change: an alert goes out when it gets worse, so once per crossing.</summary>
    public StockSeverity? Severity { get; set; }

    public DateTime UpdatedAt { get; set; }
}

public sealed class StockMovementEntity
{
    public long Id { get; set; }

    public Guid ProductId { get; set; }

    public StockMovementKind Kind { get; set; }

    public decimal Quantity { get; set; }

    public decimal Balance { get; set; }

    public string? Supplier { get; set; }

    public decimal? Cost { get; set; }

    public string? Note { get; set; }

    public string By { get; set; } = "";

    public DateTime At { get; set; }

    public StockMovement ToModel(string productName) => new(Id, ProductId, productName, Kind, Quantity, Balance, Supplier, Cost, Note, By, At);
}
