namespace Dashboard.Domain.Common;

/// <summary>A phone number as stored: shown as the person typed it, in international form, with its digits for search.</summary>
/// <param name="Display">"+91 86793 36931": the typed grouping kept, a national number given the business's country code.</param>
/// <param name="Digits">"918679336931": what search and "already used by" compare.</param>
public readonly record struct PhoneNumber(string Display, string Digits);

/// <summary>
/// Reads phone numbers the way a dairy's office types them — <c>8679336931</c>, <c>086793 36931</c>,
/// <c>+91 86793-36931</c>, <c>0091 8679336931</c> — as one number, for storage and for search
/// (<c>Dashboard:PhoneCountryCode</c>, 91 by default, is the country code of a number typed without one).
/// </summary>
public sealed class PhoneNumbers
{
    /// <summary>E.164: at most 15 digits with the country code; a shorter number than this is not a phone.</summary>
    public const int MaxDigits = 15, MinNationalDigits = 6, MaxLength = 20;

    private readonly string _countryCode;

    public PhoneNumbers(string countryCode)
    {
        _countryCode = countryCode.TrimStart('+');
        if (_countryCode.Length is < 1 or > 3 || !_countryCode.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"Dashboard:PhoneCountryCode must be 1 to 3 digits, not '{countryCode}'.", nameof(countryCode));
        }
    }

    public string CountryCode => _countryCode;

    /// <summary>The number, or why it is not one (a sentence for the form).</summary>
    public (PhoneNumber? Number, string? Error) Parse(string input)
    {
        var text = string.Join(' ', input.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (text.Length == 0)
        {
            return (null, null);
        }

        if (!text.All(ch => char.IsAsciiDigit(ch) || ch is '+' or ' ' or '-' or '(' or ')' or '.') || text.LastIndexOf('+') > 0)
        {
            return (null, "A phone number has only digits, spaces and - ( ), and a + only at the start.");
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        string display;
        if (text.StartsWith('+') || digits.StartsWith("00", StringComparison.Ordinal))
        {
            // Already international: +91 … or 0091 …
            var prefix = text.StartsWith('+') ? 0 : 2;
            digits = digits[prefix..];
            display = "+" + StripLeadingDigits(text.TrimStart('+'), prefix);
        }
        else
        {
            // National: the trunk 0 goes; the business's country code comes first.
            var national = digits.StartsWith('0') ? digits[1..] : digits;
            var plain = text.Replace("(", "").Replace(")", "");
            var rest = digits.StartsWith('0') ? StripLeadingDigits(plain, 1) : plain;
            digits = _countryCode + national;
            display = $"+{_countryCode} {rest}";
        }

        if (digits.Length - _countryCode.Length < MinNationalDigits || digits.Length > MaxDigits)
        {
            return (null, $"That is not a whole phone number: enter {MinNationalDigits} to {MaxDigits - _countryCode.Length} digits, for example 98765 43210.");
        }

        return (new PhoneNumber(display.Length <= MaxLength ? display : "+" + digits, digits), null);
    }

    /// <summary>
    /// The digits to look for when a search looks like (part of) a phone number — only digits and the separators, at
    /// least three digits — without the country code or trunk 0, so <c>+918679336931</c>, <c>08679336931</c> and
    /// <c>86793 36931</c> all find the same customer; null when the search is not a number.
    /// </summary>
    public string? SearchDigits(string search)
    {
        var text = search.Trim();
        if (text.Length == 0 || !text.All(ch => char.IsAsciiDigit(ch) || ch is '+' or ' ' or '-' or '(' or ')' or '.'))
        {
            return null;
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (text.StartsWith('+') || digits.StartsWith("00", StringComparison.Ordinal))
        {
            digits = digits.TrimStart('0');
            if (digits.StartsWith(_countryCode, StringComparison.Ordinal))
            {
                digits = digits[_countryCode.Length..];
            }
        }
        else if (digits.StartsWith('0'))
        {
            digits = digits[1..];
        }

        return digits.Length >= 3 ? digits : null;
    }

    // "086793 36931" without its first digit: "86793 36931" (separators before it go too).
    private static string StripLeadingDigits(string text, int count)
    {
        var i = 0;
        while (i < text.Length && count > 0)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                count--;
            }

            i++;
        }

        return text[i..].TrimStart(' ', '-', '.');
    }
}
