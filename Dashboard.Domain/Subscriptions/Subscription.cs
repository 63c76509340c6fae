using System.Text.Json.Serialization;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Events;

namespace Dashboard.Domain.Subscriptions;

[JsonConverter(typeof(JsonStringEnumConverter<SubscriptionPattern>))]
public enum SubscriptionPattern
{
    /// <summary>Every day.</summary>
    [JsonStringEnumMemberName("daily")] Daily,

    /// <summary>Every other day, counted from the start date (across month ends: 30 Nov, 2 Dec, 4 Dec…).</summary>
    [JsonStringEnumMemberName("alternate")] Alternate,

    /// <summary>The chosen weekdays.</summary>
    [JsonStringEnumMemberName("weekdays")] Weekdays,
}

[JsonConverter(typeof(JsonStringEnumConverter<Shift>))]
public enum Shift
{
    [JsonStringEnumMemberName("morning")] Morning,
    [JsonStringEnumMemberName("evening")] Evening,
}

/// <summary>What a customer's subscription makes of one day.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlanKind>))]
public enum PlanKind
{
    /// <summary>A delivery of <see cref="PlannedDay.Quantity"/>: Generate puts it on the day sheet.</summary>
    [JsonStringEnumMemberName("delivery")] Delivery,

    /// <summary>Within a pause (vacation).</summary>
    [JsonStringEnumMemberName("paused")] Paused,

    /// <summary>Not one of the pattern's days (the other day of alternate days, a weekday not chosen).</summary>
    [JsonStringEnumMemberName("off-day")] OffDay,

    /// <summary>Before the subscription's start date.</summary>
    [JsonStringEnumMemberName("not-started")] NotStarted,

    /// <summary>The quantity that day is 0 L.</summary>
    [JsonStringEnumMemberName("none")] None,

    /// <summary>The customer is inactive.</summary>
    [JsonStringEnumMemberName("inactive")] Inactive,
}

/// <param name="Pause">The pause the day falls in, when <see cref="Kind"/> is paused.</param>
public sealed record PlannedDay(DateOnly Date, PlanKind Kind, decimal Quantity, decimal PricePerLiter, SubscriptionPause? Pause = null);

/// <summary>"From <see cref="From"/> the quantity is … / the price is …"; a field left out keeps what it was.</summary>
public sealed record SubscriptionChange(Guid Id, DateOnly From, decimal? Quantity, decimal? PricePerLiter, string By, DateTime At);

/// <summary>No deliveries from <see cref="From"/> to <see cref="To"/>, both included.</summary>
public sealed record SubscriptionPause(Guid Id, DateOnly From, DateOnly To, string? Reason, string By, DateTime At);

/// <summary>
/// A customer's standing order for the daily milk, as every channel sees it. <see cref="Quantity"/> and
/// <see cref="PricePerLiter"/> are today's (the customer's <c>defaultQuantity</c> and <c>pricePerLiter</c>);
/// <see cref="Changes"/> are those still to come, <see cref="Pauses"/> those not over, <see cref="Next"/> the coming days.
/// </summary>
/// <param name="Weekdays">With the weekdays pattern: "mon" … "sun".</param>
/// <param name="StartDate">Null: since always (a customer from before subscriptions; alternate days need a start).</param>
/// <param name="Version">The days and shift's version (0: never set): what setting them again must send.</param>
public sealed record Subscription(
    Guid CustomerId,
    string CustomerName,
    SubscriptionPattern Pattern,
    IReadOnlyList<string> Weekdays,
    Shift Shift,
    DateOnly? StartDate,
    decimal Quantity,
    decimal PricePerLiter,
    IReadOnlyList<SubscriptionChange> Changes,
    IReadOnlyList<SubscriptionPause> Pauses,
    IReadOnlyList<PlannedDay> Next,
    int Version);

/// <summary>A subscription changed (schedule, a change from a date, a pause): <c>subscription:updated</c>.</summary>
public sealed record SubscriptionChanged(Subscription Subscription, string? Route) : IDomainEvent
{
    public Guid? CustomerId => Subscription.CustomerId;
}

/// <summary>The schedule; a customer without a row is on the default (every day, mornings, since always).</summary>
public sealed class SubscriptionEntity
{
    public Guid CustomerId { get; set; }

    public SubscriptionPattern Pattern { get; set; }

    /// <summary>The chosen weekdays as bits, bit <c>(int)DayOfWeek</c> (Sunday = bit 0).</summary>
    public int Weekdays { get; set; }

    public Shift Shift { get; set; }

    public DateOnly? StartDate { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int Version { get; set; }
}

public sealed class SubscriptionChangeEntity
{
    public Guid Id { get; set; }

    public Guid CustomerId { get; set; }

    public DateOnly From { get; set; }

    public decimal? Quantity { get; set; }

    public decimal? PricePerLiter { get; set; }

    /// <summary>Its day has come and the customer's quantity and price now say so; kept as history.</summary>
    public bool Applied { get; set; }

    public string By { get; set; } = "";

    public DateTime At { get; set; }

    public SubscriptionChange ToModel() => new(Id, From, Quantity, PricePerLiter, By, At);
}

public sealed class SubscriptionPauseEntity
{
    public Guid Id { get; set; }

    public Guid CustomerId { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public string? Reason { get; set; }

    public string By { get; set; } = "";

    public DateTime At { get; set; }

    public SubscriptionPause ToModel() => new(Id, From, To, Reason, By, At);
}

/// <summary>
/// The one rule for what a subscription makes of a day. Today's quantity and price are the customer's own; a change not
/// applied yet takes over from its day.
/// </summary>
public sealed class SubscriptionPlan(CustomerEntity customer, SubscriptionEntity? schedule,
    IReadOnlyList<SubscriptionChangeEntity> upcoming, IReadOnlyList<SubscriptionPauseEntity> pauses)
{
    public static readonly IReadOnlyList<string> WeekdayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    public SubscriptionEntity? Schedule => schedule;

    /// <summary>The changes not applied yet.</summary>
    public IReadOnlyList<SubscriptionChangeEntity> Upcoming => upcoming;

    public IReadOnlyList<SubscriptionPauseEntity> Pauses => pauses;

    public PlannedDay On(DateOnly day)
    {
        var quantity = upcoming.Where(c => c.From <= day && c.Quantity is not null).MaxBy(c => c.From)?.Quantity ?? customer.DefaultQuantity;
        var price = upcoming.Where(c => c.From <= day && c.PricePerLiter is not null).MaxBy(c => c.From)?.PricePerLiter ?? customer.PricePerLiter;
        var pause = pauses.FirstOrDefault(p => p.From <= day && day <= p.To);
        var kind = !customer.IsActive ? PlanKind.Inactive
            : schedule?.StartDate is { } start && day < start ? PlanKind.NotStarted
            : !OnPattern(schedule, day) ? PlanKind.OffDay
            : pause is not null ? PlanKind.Paused
            : quantity == 0 ? PlanKind.None
            : PlanKind.Delivery;
        return new PlannedDay(day, kind, quantity, price, pause?.ToModel());
    }

    public static bool OnPattern(SubscriptionEntity? schedule, DateOnly day) => schedule?.Pattern switch
    {
        SubscriptionPattern.Alternate => schedule.StartDate is not { } start || (day.DayNumber - start.DayNumber) % 2 == 0,
        SubscriptionPattern.Weekdays => (schedule.Weekdays & (1 << (int)day.DayOfWeek)) != 0,
        _ => true,
    };

    public static IReadOnlyList<string> Names(int weekdays) =>
        [.. Enumerable.Range(1, 7).Select(i => i % 7).Where(i => (weekdays & (1 << i)) != 0).Select(i => WeekdayNames[i])];
}
