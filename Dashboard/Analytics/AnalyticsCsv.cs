using System.Globalization;
using System.Text;
using Dashboard.Domain.Analytics;
using Dashboard.Domain.Payments;
using Dashboard.Infrastructure;

namespace Dashboard.Analytics;

/// <summary>Each chart's figures as CSV, written like the ledger's (ISO dates, invariant numbers, CRLF, a UTF-8 BOM).</summary>
public static class AnalyticsCsv
{
    public static byte[] Daily(IReadOnlyList<DailyPoint> points) =>
        Write("date,liters,sales,collection", points.Select(p => $"{Date(p.Date)},{Liters(p.Liters)},{Money(p.Sales)},{Money(p.Collection)}"));

    public static byte[] Methods(IReadOnlyList<MethodTotal> methods) =>
        Write("method,amount,payments", methods.Select(m => $"{PaymentMethods.Code(m.Method)},{Money(m.Amount)},{m.Count}"));

    public static byte[] Aging(DuesReport dues) =>
        Write("bucket,from_days,to_days,amount,customers",
            dues.Aging.Select(b => $"{b.Key},{b.FromDays},{b.ToDays?.ToString(CultureInfo.InvariantCulture) ?? ""},{Money(b.Amount)},{b.Customers}"));

    public static byte[] TopDues(DuesReport dues) =>
        Write("customer_id,name,balance,oldest_unpaid", dues.TopDues.Select(t => $"{t.CustomerId},{CsvCell.Text(t.Name)},{Money(t.Balance)},{Date(t.OldestUnpaid)}"));

    private static byte[] Write(string header, IEnumerable<string> rows)
    {
        var csv = new StringBuilder().Append(header).Append("\r\n");
        foreach (var row in rows)
        {
            csv.Append(row).Append("\r\n");
        }

        // With a byte-order mark, spreadsheet programs read non-ASCII names as UTF-8.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Money(decimal v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Liters(decimal v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
