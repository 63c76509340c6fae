using System.Globalization;

namespace Dashboard.Domain.Common;

/// <summary>
/// How the business writes money, days and counts in the sentences it keeps (activity rows, notifications, messages):
/// its culture and currency (<c>Dashboard:Culture</c>, <c>Dashboard:Currency</c>). "Lakshmi paid ₹5,249.00 by UPI", not
/// "paid 5249.00 (MOBILE)"; "3 Dec 2026", not "2026-12-03"; "1 entry", not "1 entries". The pages format with the same.
/// </summary>
public sealed class Wording
{
    private readonly NumberFormatInfo _money;

    public Wording(CultureInfo culture, string currency)
    {
        Culture = culture;
        Currency = currency.ToUpperInvariant();
        _money = (NumberFormatInfo)culture.NumberFormat.Clone();
        _money.CurrencySymbol = SymbolOf(Currency) ?? Currency;
    }

    /// <summary>India's rupees in en-IN, the default of appsettings.json.</summary>
    public static Wording Default { get; } = new(CultureInfo.GetCultureInfo("en-IN"), "INR");

    public CultureInfo Culture { get; }

    /// <summary>The ISO code (INR).</summary>
    public string Currency { get; }

    /// <summary>₹5,249.00 (en-IN groups lakhs: ₹1,00,000.00).</summary>
    public string Money(decimal amount) => amount.ToString("C2", _money);

    public string Liters(decimal liters) => liters.ToString("#,0.##", Culture) + " L";

    /// <summary>3 Dec 2026, month names in the business's culture.</summary>
    public string Date(DateOnly day) => day.ToString("d MMM yyyy", Culture);

    /// <summary>"1 entry", "2 entries", "1,200 customers".</summary>
    public string Count(int n, string one, string many) => $"{n.ToString("N0", Culture)} {(n == 1 ? one : many)}";

    private static string? SymbolOf(string currency) => CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name); } catch (ArgumentException) { return null; } })
        .FirstOrDefault(r => r is not null && string.Equals(r.ISOCurrencySymbol, currency, StringComparison.OrdinalIgnoreCase))?.CurrencySymbol;
}
