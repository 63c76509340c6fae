using System.Text.Json.Serialization;
using Dashboard.Domain.Common;

namespace Dashboard.Domain.Orders;

/// <summary>Where a one-off order is: placed → confirmed → out_for_delivery → delivered, or cancelled on the way.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus
{
    [JsonStringEnumMemberName("placed")] Placed,
    [JsonStringEnumMemberName("confirmed")] Confirmed,
    [JsonStringEnumMemberName("out_for_delivery")] OutForDelivery,
    [JsonStringEnumMemberName("delivered")] Delivered,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

public static class OrderStatuses
{
    public static string Name(OrderStatus status) => status switch
    {
        OrderStatus.Placed => "placed",
        OrderStatus.Confirmed => "confirmed",
        OrderStatus.OutForDelivery => "out_for_delivery",
        OrderStatus.Delivered => "delivered",
        _ => "cancelled",
    };

    public static OrderStatus? Parse(string? name) =>
        Enum.GetValues<OrderStatus>().Cast<OrderStatus?>().FirstOrDefault(s => string.Equals(Name(s!.Value), name?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>One line of an order: the product, and its name, unit and price as they were when it was ordered.</summary>
public sealed record OrderItem(Guid ProductId, string ProductName, string Unit, decimal Quantity, decimal UnitPrice, decimal Amount);

/// <summary>One step of an order's timeline: what it became, when, by whom and through which door.</summary>
public sealed record OrderStep(OrderStatus Status, DateTime At, string By, Channel Channel, string? Note);

/// <summary>A one-off order on top of the daily milk, as every channel sees it.</summary>
/// <param name="Number">The order's number for people (#1001), in the order orders were placed.</param>
/// <param name="AgentId">The delivery agent assigned to it (a user id), once staff assign one.</param>
public sealed record Order(
    Guid Id,
    int Number,
    Guid CustomerId,
    string CustomerName,
    string? Route,
    OrderStatus Status,
    DateOnly DeliveryDate,
    IReadOnlyList<OrderItem> Items,
    decimal Total,
    decimal Paid,
    string? OfferCode,
    decimal Discount,
    string? Note,
    string? AgentId,
    string? AgentName,
    string? CancelReason,
    IReadOnlyList<OrderStep> Timeline,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version);

public sealed class OrderEntity
{
    public Guid Id { get; set; }

    public int Number { get; set; }

    public Guid CustomerId { get; set; }

    public Customers.CustomerEntity? Customer { get; set; }

    public OrderStatus Status { get; set; }

    public DateOnly DeliveryDate { get; set; }

    public decimal Total { get; set; }

    /// <summary>The offer applied when it was placed, and what it took off the items' sum (<see cref="Total"/> is after it).</summary>
    public string? OfferCode { get; set; }

    public decimal Discount { get; set; }

    /// <summary>What payments for this order add up to (payments are never edited or removed, so it only grows).</summary>
    public decimal Paid { get; set; }

    public string? Note { get; set; }

    public string? AgentId { get; set; }

    public string? CancelReason { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }

    public List<OrderItemEntity> Items { get; set; } = [];

    public List<OrderStepEntity> Steps { get; set; } = [];
}

public sealed class OrderItemEntity
{
    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    public Guid ProductId { get; set; }

    public string ProductName { get; set; } = "";

    public string Unit { get; set; } = "";

    public decimal Quantity { get; set; }

    public decimal UnitPrice { get; set; }

    public decimal Amount { get; set; }

    public int Position { get; set; }
}

public sealed class OrderStepEntity
{
    public long Id { get; set; }

    public Guid OrderId { get; set; }

    public OrderStatus Status { get; set; }

    public DateTime At { get; set; }

    public string ByUserId { get; set; } = "";

    public string ByName { get; set; } = "";

    public Channel Channel { get; set; }

    public string? Note { get; set; }
}
