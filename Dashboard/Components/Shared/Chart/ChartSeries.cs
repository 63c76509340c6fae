using Dashboard.Infrastructure;

namespace Dashboard.Components.Shared;

/// <summary>One named line, bar set or (for a donut) the slices, a value per category.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal> Data);

/// <summary>
/// How a chart writes its values: <see cref="Kind"/> and <see cref="Locale"/>/<see cref="Currency"/> go to the browser
/// (axes, tooltips); <see cref="Text"/> writes the same figures in the accessible table, in the business's formats.
/// </summary>
public sealed record ChartFormat(string Kind, string Locale, string? Currency, Func<decimal, string> Text)
{
    public static ChartFormat Money(Formats f) => new("money", f.Culture.Name, f.Currency, f.Money);

    public static ChartFormat Liters(Formats f) => new("liters", f.Culture.Name, null, f.Liters);

    internal object ForBrowser => new { kind = Kind, locale = Locale, currency = Currency };
}
