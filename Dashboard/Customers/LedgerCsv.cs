using System.Globalization;
using System.Text;
using Dashboard.Domain.Customers;
using Dashboard.Infrastructure;

namespace Dashboard.Customers;

/// <summary>
/// A customer's ledger as CSV for a spreadsheet: ISO dates and plain invariant numbers (a spreadsheet reads those
/// in any locale), one line per delivery or payment, opening and closing rows for a month.
/// </summary>
public static class LedgerCsv
{
    private const string Header = "date,kind,description,billed,paid,balance";

    public static string Write(CustomerLedger ledger)
    {
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var line in ledger.Lines)
        {
            AppendLine(csv, line);
        }

        return csv.ToString();
    }

    public static string Write(CustomerStatement statement)
    {
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        AppendRow(csv, statement.From, "opening", "Opening balance", null, null, statement.OpeningBalance);
        foreach (var line in statement.Lines)
        {
            AppendLine(csv, line);
        }

        AppendRow(csv, statement.To, "closing", "Closing balance", statement.Billed, statement.Paid, statement.ClosingBalance);
        return csv.ToString();
    }

    /// <summary>A file name made of the customer's name, safe in every operating system and header.</summary>
    public static string FileName(string customerName, DateOnly? month)
    {
        var slug = new string(customerName.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray()).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return $"ledger-{(slug.Length == 0 ? "customer" : slug)}-{(month is { } m ? m.ToString("yyyy-MM", CultureInfo.InvariantCulture) : "all")}.csv";
    }

    private static void AppendLine(StringBuilder csv, LedgerLine line) =>
        AppendRow(csv, line.Date, line.Kind switch { LedgerLineKind.Payment => "payment", LedgerLineKind.Order => "order", _ => "delivery" }, line.Description,
            line.Debit, line.Credit, line.RunningBalance);

    private static void AppendRow(StringBuilder csv, DateOnly date, string kind, string description, decimal? billed, decimal? paid, decimal balance) =>
        csv.Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
            .Append(kind).Append(',')
            .Append(CsvCell.Text(description)).Append(',')
            .Append(Number(billed)).Append(',')
            .Append(Number(paid)).Append(',')
            .Append(Number(balance)).Append("\r\n");

    private static string Number(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";
}
