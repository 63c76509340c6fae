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

    /// <summary>How long ago something was, as a live page counts it: "12 s ago", "5 min ago", "3 h ago".</summary>
    public static string Ago(DateTime then, DateTime now)
    {
        var age = now - then;
        return age.TotalSeconds < 60 ? $"{Math.Max(0, (int)age.TotalSeconds)} s ago"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes} min ago"
            : $"{(int)age.TotalHours} h ago";
    }
}
