using Dashboard.Domain.Common;
using Dashboard.Domain.Offers;
using Dashboard.Realtime;

namespace Dashboard.Offers;

/// <summary>seed 001's <c>offer:new</c> {code, description, discountValue}, with the rest of the offer.</summary>
public sealed record OfferNewMessage(string Code, string Description, decimal DiscountValue, DiscountType DiscountType, decimal MinOrder,
    DateOnly? ValidFrom, DateOnly? ValidTo, Offer Offer);

/// <summary>An offer switched on reaches every customer's app (and staff's); delivery agents have no use for it.</summary>
public sealed class OfferRealtime : IRealtimeFeature
{
    public const string New = "offer:new";

    private static readonly IReadOnlyList<string> CustomersAndStaff = [Rooms.Role(Roles.Customer), .. Rooms.Staff];

    public void Declare(RealtimeCatalogBuilder catalog) =>
        catalog.Event<OfferActivated>(New,
            e => new OfferNewMessage(e.Offer.Code, e.Offer.Description, e.Offer.DiscountValue, e.Offer.DiscountType, e.Offer.MinOrder,
                e.Offer.ValidFrom, e.Offer.ValidTo, e.Offer),
            _ => CustomersAndStaff);
}
