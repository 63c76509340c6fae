namespace Dashboard.Domain.Common;

/// <summary>The business's own calendar: "today" is the date in its configured time zone, storage stays UTC.</summary>
/// <param name="daysBack">How many days before today a write may still be about (see <see cref="BusinessDates"/>).</param>
public sealed class BusinessClock(TimeProvider time, TimeZoneInfo zone, int daysBack = BusinessClock.DefaultDaysBack)
{
    public const int DefaultDaysBack = 366;

    public TimeZoneInfo Zone { get; } = zone;

    public int DaysBack { get; } = daysBack is >= 0 and <= 36_500
        ? daysBack
        : throw new ArgumentOutOfRangeException(nameof(daysBack), daysBack, "Dashboard:Dates:DaysBack must be between 0 and 36500.");

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(UtcNow, Zone));

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
