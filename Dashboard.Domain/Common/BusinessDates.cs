using System.Globalization;

namespace Dashboard.Domain.Common;

/// <summary>
/// The one rule for business days. A write is about a day in the window around today (<see cref="BusinessClock.DaysBack"/>
/// back, a command's own days ahead); a read or a filter may name any day from 2000 to 2100. Outside: a field error.
/// </summary>
public static class BusinessDates
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    /// <summary>A day a write may be about: from <see cref="BusinessClock.DaysBack"/> days before today up to <paramref name="daysAhead"/> after it.</summary>
    public static void WritableDay(this Validation v, string field, DateOnly? day, BusinessClock clock, int daysAhead)
    {
        if (day is not { } d)
        {
            return;
        }

        var today = clock.Today;
        if (d < today.AddDays(-clock.DaysBack))
        {
            v.Add(field, $"{field} must be within {clock.DaysBack} days before today (from {Text(today.AddDays(-clock.DaysBack))}).");
        }
        else if (d > today.AddDays(daysAhead))
        {
            v.Add(field, daysAhead == 0
                ? $"{field} cannot be in the future."
                : $"{field} must be at most {daysAhead} days ahead (until {Text(today.AddDays(daysAhead))}).");
        }
    }

    /// <summary>A day a read or a filter may name.</summary>
    public static void ReadableDay(this Validation v, string field, DateOnly? day)
    {
        if (day is { } d && (d < Earliest || d > Latest))
        {
            v.Add(field, $"{field} must be between {Text(Earliest)} and {Text(Latest)}.");
        }
    }

    /// <summary>A filter's days, both included: each one readable, and <c>to</c> not before <c>from</c>.</summary>
    public static void ReadableDays(this Validation v, DateOnly? from, DateOnly? to)
    {
        v.ReadableDay("from", from);
        v.ReadableDay("to", to);
        if (from is { } f && to is { } t && f > t)
        {
            v.Add("to", "to must be on or after from.");
        }
    }

    /// <summary>Throws VALIDATION_FAILED unless the day may be read.</summary>
    public static DateOnly Readable(string field, DateOnly day)
    {
        var v = new Validation();
        v.ReadableDay(field, day);
        v.ThrowIfInvalid();
        return day;
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
