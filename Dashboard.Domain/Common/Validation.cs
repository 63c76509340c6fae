namespace Dashboard.Domain.Common;

/// <summary>Collects field errors for one command and throws them together as VALIDATION_FAILED.</summary>
public sealed class Validation
{
    // C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
    private static readonly System.Buffers.SearchValues<char> OneLineRefused = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c), '\u2028', '\u2029']);

    private static readonly System.Buffers.SearchValues<char> MultilineRefused = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\n' or '\r' or '\t')).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c)]);

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public T? Required<T>(string field, T? value) where T : struct
    {
        if (value is null)
        {
            Add(field, $"{Label(field)} is required.");
        }

        return value;
    }

    /// <summary>
    /// Trimmed text of at most <paramref name="maxLength"/> characters. One line unless <paramref name="multiline"/>:
    /// line breaks and other control characters in a name, a phone or a route would split a CSV row or a printed sheet,
    /// so they are refused, not stored (a multi-line note still refuses control characters other than line breaks and tabs).
    /// </summary>
    public string? Text(string field, string? value, int maxLength, bool required, bool multiline = false)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                Add(field, $"{Label(field)} is required.");
            }

            return required ? null : (trimmed is null ? null : "");
        }

        if (trimmed.Length > maxLength)
        {
            Add(field, $"{Label(field)} must be at most {maxLength} characters.");
        }

        if (trimmed.AsSpan().IndexOfAny(multiline ? MultilineRefused : OneLineRefused) >= 0)
        {
            Add(field, multiline
                ? $"{Label(field)} must not contain control characters."
                : $"{Label(field)} must be one line, without line breaks, tabs or other control characters.");
        }

        return trimmed;
    }

    public void Range(string field, decimal? value, decimal min, decimal max, bool minExclusive = false)
    {
        if (value is not { } v)
        {
            return;
        }

        if (minExclusive ? v <= min : v < min)
        {
            Add(field, minExclusive ? $"{Label(field)} must be greater than {min}." : $"{Label(field)} must be at least {min}.");
        }
        else if (v > max)
        {
            Add(field, $"{Label(field)} must be at most {max}.");
        }
        else if (decimal.Round(v, 3) != v)
        {
            Add(field, $"{Label(field)} has too many decimal places.");
        }
    }

    /// <summary>
    /// A field as the forms name it, for messages people read: <c>customerId</c> → "Customer", <c>pricePerLiter</c> →
    /// "Price per liter", <c>items[0].quantity</c> → "Item 1 quantity". The errors stay keyed by the field itself.
    /// </summary>
    public static string Label(string field)
    {
        if (Labels.TryGetValue(field, out var known))
        {
            return known;
        }

        var item = System.Text.RegularExpressions.Regex.Match(field, @"^(\w+?)s?\[(\d+)\]\.(\w+)$");
        if (item.Success)
        {
            return $"{Label(item.Groups[1].Value)} {int.Parse(item.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + 1} {Label(item.Groups[3].Value).ToLowerInvariant()}";
        }

        var name = field.EndsWith("Id", StringComparison.Ordinal) && field.Length > 2 ? field[..^2] : field;
        var words = System.Text.RegularExpressions.Regex.Replace(name, "(?<=[a-z0-9])([A-Z])", " $1").ToLowerInvariant();
        return words.Length == 0 ? field : char.ToUpperInvariant(words[0]) + words[1..];
    }

    // Where the forms' words differ from the field's.
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["defaultQuantity"] = "Liters a day",
        ["minOrder"] = "Minimum order",
        ["minStock"] = "Minimum stock",
    };

    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            var first = _errors.First();
            var message = _errors.Count == 1 && first.Value.Count == 1 ? first.Value[0] : "One or more fields are invalid.";
            throw new DomainException(ErrorCodes.ValidationFailed, message,
                _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
