using System.Globalization;

namespace Dashboard.Infrastructure;

/// <summary>How the business writes money and quantities (Dashboard:Culture, Dashboard:Currency).</summary>
public sealed class Formats
{
    private readonly NumberFormatInfo _money;

    public Formats(CultureInfo culture, string currency)
    {
        Culture = culture;
        Currency = currency.ToUpperInvariant();
        _money = (NumberFormatInfo)culture.NumberFormat.Clone();
        var symbol = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c => { try { return new RegionInfo(c.Name); } catch (ArgumentException) { return null; } })
            .FirstOrDefault(r => r is not null && string.Equals(r.ISOCurrencySymbol, currency, StringComparison.OrdinalIgnoreCase))?.CurrencySymbol;
        _money.CurrencySymbol = symbol ?? currency;
    }

    public CultureInfo Culture { get; }

    /// <summary>The ISO code (INR), for formatting in the browser (charts' axes and tooltips).</summary>
    public string Currency { get; }

    public string Money(decimal amount) => amount.ToString("C2", _money);

    public string Liters(decimal liters) => liters.ToString("#,0.##", Culture) + " L";

    public string Count(int n) => n.ToString("N0", Culture);

    /// <summary>A day as people read it: 1 Mar 2026 (month names in the business's culture).</summary>
    public string Date(DateOnly day) => day.ToString("d MMM yyyy", Culture);
}
