namespace Dashboard.Domain.Products;

/// <summary>Something a customer can order on top of the daily milk, as every channel sees it (REST, hub, UI, events).</summary>
/// <param name="MinStock">The stock level below which staff are alerted; null: none.</param>
/// <param name="IsDailyMilk">The depot's milk the day sheets' deliveries draw from (at most one product is).</param>
public sealed record Product(
    Guid Id,
    string Name,
    string Unit,
    decimal Price,
    bool IsActive,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version,
    decimal? MinStock = null,
    bool IsDailyMilk = false);

/// <summary>What a product's price is per.</summary>
public static class ProductUnits
{
    public const string Liter = "L";
    public const string Kilogram = "kg";
    public const string Piece = "piece";

    public static readonly IReadOnlyList<string> All = [Liter, Kilogram, Piece];

    /// <summary>The unit as written here ("l" and "KG" are "L" and "kg"), or null for anything else.</summary>
    public static string? Parse(string? unit) =>
        All.FirstOrDefault(u => string.Equals(u, unit?.Trim(), StringComparison.OrdinalIgnoreCase));
}

public sealed class ProductEntity
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The name upper-cased: its unique index makes names unique whatever their case, on every database.</summary>
    public string NormalizedName { get; set; } = "";

    public string Unit { get; set; } = ProductUnits.Piece;

    public decimal Price { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }

    public decimal? MinStock { get; set; }

    public bool IsDailyMilk { get; set; }

    public static string Normalize(string name) => name.ToUpperInvariant();

    public Product ToModel() => new(Id, Name, Unit, Price, IsActive, CreatedAt, UpdatedAt, Version, MinStock, IsDailyMilk);
}
