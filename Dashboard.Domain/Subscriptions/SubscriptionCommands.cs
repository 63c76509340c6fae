namespace Dashboard.Domain.Subscriptions;

/// <summary>
/// The whole schedule, replaced. <c>pattern</c> daily | alternate | weekdays (then <c>weekdays</c>: "mon"…"sun");
/// <c>shift</c> morning | evening (left out: as it is); <c>startDate</c> null: since always (alternate days need one).
/// Fields are strings and nullable so a wrong one is a field error, not a binder failure.
/// </summary>
public sealed record SetSchedule(string? Pattern, IReadOnlyList<string>? Weekdays, string? Shift, DateOnly? StartDate, int? Version);

/// <summary>From <c>from</c> (today or later) the quantity is … and/or the price is …</summary>
public sealed record ScheduleChange(DateOnly? From, decimal? Quantity, decimal? PricePerLiter);

/// <summary>No deliveries from <c>from</c> (today or later) to <c>to</c>, both included.</summary>
public sealed record PauseSubscription(DateOnly? From, DateOnly? To, string? Reason);
