using System.Globalization;
using Dashboard.Domain.Common;

namespace Dashboard.Infrastructure;

/// <summary>How the business writes money and quantities (Dashboard:Culture, Dashboard:Currency): the domain's <see cref="Wording"/>.</summary>
public sealed class Formats(Wording words)
{
    public CultureInfo Culture => words.Culture;

    /// <summary>The ISO code (INR), for formatting in the browser (charts' axes and tooltips).</summary>
    public string Currency => words.Currency;

    public string Money(decimal amount) => words.Money(amount);

    public string Liters(decimal liters) => words.Liters(liters);

    public string Count(int n) => n.ToString("N0", Culture);

    /// <summary>A day as people read it: 1 Mar 2026 (month names in the business's culture).</summary>
    public string Date(DateOnly day) => words.Date(day);
}
