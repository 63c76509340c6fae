namespace Dashboard.Infrastructure;

/// <summary>One text cell of the CSV downloads.</summary>
public static class CsvCell
{
    /// <summary>
    /// Text typed by people: quoted where CSV needs it, and never starting like a formula (= + - @), which a
    /// spreadsheet would run when the file is opened.
    /// </summary>
    public static string Text(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
