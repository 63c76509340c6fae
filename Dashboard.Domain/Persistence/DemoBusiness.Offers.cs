using Dashboard.Domain.Offers;

namespace Dashboard.Domain.Persistence;

/// <summary>
/// The offers a dairy runs: a standing welcome discount, this month's festival offer, one that ended last month (kept for
/// the record), one that starts next week and one switched off, so the Offers page shows each state.
/// </summary>
internal sealed partial class DemoBusiness
{
    public List<OfferEntity> Offers { get; } = [];

    private void AddOffers()
    {
        var monthStart = new DateOnly(_today.Year, _today.Month, 1);
        var plan = new (string Code, string Description, DiscountType Type, decimal Value, decimal MinOrder, DateOnly? From, DateOnly? To, bool Active, int CreatedDaysAgo)[]
        {
            ("WELCOME10", "10% off a new customer's first order", DiscountType.Percent, 10m, 100m, null, null, true, 60),
            ("FESTIVE50", "₹50 off sweets and ghee orders this month", DiscountType.Fixed, 50m, 500m, monthStart, monthStart.AddMonths(1).AddDays(-1), true, _today.Day),
            ("MONSOON15", "15% off paneer and curd in the rains", DiscountType.Percent, 15m, 200m, monthStart.AddMonths(-1), monthStart.AddDays(-1), true, 35),
            ("SUNDAY20", "₹20 off Sunday orders above ₹300", DiscountType.Fixed, 20m, 300m, _today.AddDays(7), null, true, 1),
            ("BULK100", "₹100 off orders above ₹2,000 (paused)", DiscountType.Fixed, 100m, 2000m, null, null, false, 20),
        };
        foreach (var o in plan)
        {
            var at = Utc(_today.AddDays(-o.CreatedDaysAgo), 10 * 60);
            Offers.Add(new OfferEntity
            {
                Id = Guid.CreateVersion7(new DateTimeOffset(at, TimeSpan.Zero)), Code = o.Code, Description = o.Description, DiscountType = o.Type,
                DiscountValue = o.Value, MinOrder = o.MinOrder, ValidFrom = o.From, ValidTo = o.To, IsActive = o.Active,
                CreatedAt = at, UpdatedAt = at, Version = 1,
            });
        }
    }
}
