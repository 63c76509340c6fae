using Dashboard.Domain.Customers;

using System.Text.Json.Serialization;

namespace Dashboard.Domain.Deliveries;

[JsonConverter(typeof(JsonStringEnumConverter<DeliveryStatus>))]
public enum DeliveryStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("delivered")] Delivered,
    [JsonStringEnumMemberName("skipped")] Skipped,
}

/// <summary>One customer's delivery on one day. Amount = quantity × price, rounded to 2 decimals.</summary>
public sealed record DailyEntry(
    Guid Id,
    Guid CustomerId,
    string CustomerName,
    DateOnly Date,
    decimal Quantity,
    decimal PricePerLiter,
    decimal Amount,
    DeliveryStatus Status,
    string? UpdatedBy,
    DateTime UpdatedAt,
    int Version);

public sealed class DailyEntryEntity
{
    public Guid Id { get; set; }

    public Guid CustomerId { get; set; }

    public CustomerEntity? Customer { get; set; }

    public DateOnly Date { get; set; }

    public decimal Quantity { get; set; }

    public decimal PricePerLiter { get; set; }

    public decimal Amount { get; set; }

    public DeliveryStatus Status { get; set; }

    public string? UpdatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }

    public DailyEntry ToModel(string customerName) =>
        new(Id, CustomerId, customerName, Date, Quantity, PricePerLiter, Amount, Status, UpdatedBy, UpdatedAt, Version);
}
