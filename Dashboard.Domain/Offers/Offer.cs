using System.Text.Json.Serialization;
using Dashboard.Domain.Events;

namespace Dashboard.Domain.Offers;

/// <summary>How an offer takes money off an order.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DiscountType>))]
public enum DiscountType
{
    [JsonStringEnumMemberName("percent")] Percent,
    [JsonStringEnumMemberName("fixed")] Fixed,
}

/// <summary>
/// A code a customer types into an order (seed 001's coupons): a percentage or a fixed amount off, above a minimum
/// order, between two days (either open), while active.
/// </summary>
public sealed record Offer(
    Guid Id,
    string Code,
    string Description,
    DiscountType DiscountType,
    decimal DiscountValue,
    decimal MinOrder,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    bool IsActive,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version)
{
    /// <summary>Whether a customer may use it on <paramref name="day"/>.</summary>
    public bool IsUsableOn(DateOnly day) => IsActive && (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || day <= ValidTo);
}

public sealed class OfferEntity
{
    public Guid Id { get; set; }

    /// <summary>As typed by staff, upper-cased; unique.</summary>
    public string Code { get; set; } = "";

    public string Description { get; set; } = "";

    public DiscountType DiscountType { get; set; }

    public decimal DiscountValue { get; set; }

    public decimal MinOrder { get; set; }

    public DateOnly? ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    public bool IsActive { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }

    public Offer ToModel() => new(Id, Code, Description, DiscountType, DiscountValue, MinOrder, ValidFrom, ValidTo, IsActive, CreatedAt, UpdatedAt, Version);
}

/// <summary><c>POST /api/v1/offers</c>: active unless <paramref name="IsActive"/> is false.</summary>
public sealed record CreateOffer(string? Code, string? Description, string? DiscountType, decimal? DiscountValue, decimal? MinOrder,
    DateOnly? ValidFrom, DateOnly? ValidTo, bool? IsActive);

/// <summary><c>PUT /api/v1/offers/{id}</c>: absent fields stay; with a version, only that version. The code never changes.</summary>
public sealed record UpdateOffer(string? Description, string? DiscountType, decimal? DiscountValue, decimal? MinOrder,
    DateOnly? ValidFrom, DateOnly? ValidTo, bool? IsActive, int? Version, bool ClearValidFrom = false, bool ClearValidTo = false);

/// <summary>An offer was created or changed (the Offers page).</summary>
public sealed record OfferChanged(Offer Offer, bool Created) : IDomainEvent
{
    public Guid? CustomerId => null;
}

/// <summary>An offer became active (created active, or switched on): seed 001's <c>offer:new</c> to customers' apps.</summary>
public sealed record OfferActivated(Offer Offer) : IDomainEvent
{
    public Guid? CustomerId => null;
}
