using Dashboard.Domain.Subscriptions;

namespace Dashboard.Domain.Persistence;

/// <summary>
/// Subscriptions as a dairy's customers have them: most every day, mornings; one on alternate days, one on weekdays
/// only, one in the evenings, a weekend away (the customer who wrote about it in support), and a price change to come.
/// </summary>
internal sealed partial class DemoBusiness
{
    public List<SubscriptionEntity> Subscriptions { get; } = [];

    public List<SubscriptionPauseEntity> SubscriptionPauses { get; } = [];

    public List<SubscriptionChangeEntity> SubscriptionChanges { get; } = [];

    private void AddSubscriptions()
    {
        var active = Customers.Where(c => c.IsActive).ToList();
        if (active.Count < 12)
        {
            return;
        }

        var setAt = Utc(_today.AddDays(-3), 11 * 60);
        Subscriptions.Add(new SubscriptionEntity { CustomerId = active[3].Id, Pattern = SubscriptionPattern.Alternate, StartDate = _today, UpdatedAt = setAt, Version = 1 });
        Subscriptions.Add(new SubscriptionEntity
        {
            CustomerId = active[5].Id,
            Pattern = SubscriptionPattern.Weekdays,
            Weekdays = 0b0111110, // Monday to Friday
            UpdatedAt = setAt,
            Version = 1,
        });
        Subscriptions.Add(new SubscriptionEntity { CustomerId = active[9].Id, Shift = Shift.Evening, UpdatedAt = setAt, Version = 1 });

        // "Please skip milk on Saturday and Sunday, we are travelling." (support, customer 7)
        var ahead = ((int)DayOfWeek.Saturday - (int)_today.DayOfWeek + 7) % 7;
        var saturday = _today.AddDays(ahead == 0 ? 7 : ahead);
        SubscriptionPauses.Add(new SubscriptionPauseEntity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = active[7].Id,
            From = saturday,
            To = saturday.AddDays(1),
            Reason = "Travelling",
            By = "Office",
            At = Utc(_today, Math.Max(0, _nowMinuteOfDay - 60)),
        });

        var firstOfNextMonth = new DateOnly(_today.Year, _today.Month, 1).AddMonths(1);
        SubscriptionChanges.Add(new SubscriptionChangeEntity
        {
            Id = Guid.CreateVersion7(),
            CustomerId = active[0].Id,
            From = firstOfNextMonth,
            Quantity = active[0].DefaultQuantity + 0.5m,
            PricePerLiter = active[0].PricePerLiter + 2m,
            By = "Office",
            At = setAt,
        });
    }
}
