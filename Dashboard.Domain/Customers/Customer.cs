namespace Dashboard.Domain.Customers;

/// <summary>A customer as every channel sees it (REST, hub, UI, events).</summary>
/// <param name="Note">For the agent at the door ("ring twice, leave at the gate"): printed on the route sheet.</param>
/// <param name="RouteOrder">The customer's place in their route's delivery order (null: after the ordered ones, by name).</param>
public sealed record Customer(
    Guid Id,
    string Name,
    string? Phone,
    string? Address,
    string? Route,
    decimal DefaultQuantity,
    decimal PricePerLiter,
    bool IsActive,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version,
    string? Note = null,
    int? RouteOrder = null);

public sealed class CustomerEntity
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string? Phone { get; set; }

    /// <summary>The phone's digits with its country code (<see cref="Common.PhoneNumbers"/>), for search.</summary>
    public string? PhoneDigits { get; set; }

    public string? Address { get; set; }

    public string? Route { get; set; }

    public decimal DefaultQuantity { get; set; }

    public decimal PricePerLiter { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }

    public string? Note { get; set; }

    public int? RouteOrder { get; set; }

    public Customer ToModel() =>
        new(Id, Name, Phone, Address, Route, DefaultQuantity, PricePerLiter, IsActive, CreatedAt, UpdatedAt, Version, Note, RouteOrder);
}
