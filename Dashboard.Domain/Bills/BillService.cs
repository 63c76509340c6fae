using System.Globalization;
using System.Text.Json;
using Dashboard.Domain.Business;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Domain.Bills;

/// <summary>
/// Monthly bills: issued from the ledger (<see cref="CustomerService.GetStatementAsync"/>'s month), numbered, and kept as
/// issued. A month can be billed once it has begun; issuing it again gives the kept bill back marked as a copy.
/// </summary>
public sealed class BillService(DomainWriter writer, BusinessClock clock, IOptions<BillingOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<Bill> IssueAsync(Actor actor, Guid customerId, IssueBill command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.IssueBills);
        var (year, month) = ValidMonth(command);
        return writer.WriteAsync(actor, async scope => (await IssueOneAsync(scope, customerId, year, month, ct)).Bill!, ct);
    }

    /// <summary>Every customer with something to bill that month (a line, or a balance carried in or out), in one write.</summary>
    public Task<BillRun> IssueAllAsync(Actor actor, IssueBill command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.IssueBills);
        var (year, month) = ValidMonth(command);
        return writer.WriteAsync(actor, async scope =>
        {
            var ids = await scope.Db.Customers.AsNoTracking().OrderBy(c => c.Name).Select(c => c.Id).ToListAsync(ct);
            var (issued, already) = (new List<Bill>(), new List<Bill>());
            foreach (var id in ids)
            {
                var (bill, created) = await IssueOneAsync(scope, id, year, month, ct, skipEmpty: true);
                if (bill is not null)
                {
                    (created ? issued : already).Add(bill);
                }
            }

            if (issued.Count > 0)
            {
                scope.Log("bills.issued", "bills", $"{year}-{month:00}", $"Issued {issued.Count} {(issued.Count == 1 ? "bill" : "bills")} for {MonthName(year, month)}", null);
            }

            return new BillRun(year, month, issued, already);
        }, ct);
    }

    public Task<Bill> GetAsync(Actor actor, Guid customerId, Guid billId, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadBills, customerId);
        return writer.ReadAsync(async db =>
        {
            var entity = await db.Bills.AsNoTracking().FirstOrDefaultAsync(b => b.Id == billId && b.CustomerId == customerId, ct)
                ?? throw DomainException.NotFound("Bill", billId);
            return ToModel(entity, copy: entity.Copies > 0);
        }, ct);
    }

    /// <summary>A customer's bills, the latest month first.</summary>
    public Task<IReadOnlyList<Bill>> ListAsync(Actor actor, Guid customerId, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadBills, customerId);
        return writer.ReadAsync<IReadOnlyList<Bill>>(async db =>
        {
            var rows = await db.Bills.AsNoTracking().Where(b => b.CustomerId == customerId).OrderByDescending(b => b.Year).ThenByDescending(b => b.Month)
                .ToListAsync(ct);
            return [.. rows.Select(b => ToModel(b, copy: b.Copies > 0))];
        }, ct);
    }

    /// <summary>Every bill of a month, by number.</summary>
    public Task<IReadOnlyList<Bill>> MonthAsync(Actor actor, int year, int month, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.IssueBills);
        ValidMonth(new IssueBill(year, month));
        return writer.ReadAsync<IReadOnlyList<Bill>>(async db =>
        {
            var rows = await db.Bills.AsNoTracking().Where(b => b.Year == year && b.Month == month).OrderBy(b => b.Number).ToListAsync(ct);
            return [.. rows.Select(b => ToModel(b, copy: b.Copies > 0))];
        }, ct);
    }

    /// <summary>What to send on WhatsApp or by SMS: the bill in one message.</summary>
    public static string ShareText(Bill bill, Func<decimal, string> money, CultureInfo culture)
    {
        var due = bill.ClosingBalance > 0 ? $"Due: {money(bill.ClosingBalance)}." : bill.ClosingBalance < 0 ? $"In credit: {money(-bill.ClosingBalance)}." : "Nothing due.";
        return $"{bill.BusinessName}: bill No. {bill.Number} for {bill.From.ToString("MMMM yyyy", culture)}, {bill.CustomerName}. "
            + $"Opening {money(bill.OpeningBalance)}; {bill.LitersDelivered.ToString("0.##", culture)} L and orders billed {money(bill.Billed)}; "
            + $"paid {money(bill.Paid)}. {due}"
            + (bill.UpiLink is not null && bill.ClosingBalance > 0 ? $" Pay by UPI: {UpiIdOf(bill.UpiLink)}." : "");
    }

    private async Task<(Bill? Bill, bool Created)> IssueOneAsync(WriteScope scope, Guid customerId, int year, int month, CancellationToken ct, bool skipEmpty = false)
    {
        var existing = await scope.Db.Bills.FirstOrDefaultAsync(b => b.CustomerId == customerId && b.Year == year && b.Month == month, ct);
        if (existing is not null)
        {
            existing.Copies++;
            if (!skipEmpty)
            {
                scope.Log("bill.reissued", "bill", existing.Id, $"Issued bill No. {existing.Number} again (copy {existing.Copies})", customerId);
            }

            await scope.Db.SaveChangesAsync(ct);
            return (ToModel(existing, copy: true), false);
        }

        var customer = await scope.Db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, ct) ?? throw DomainException.NotFound("Customer", customerId);
        var month1 = await CustomerService.StatementOf(scope.Db, customerId, customer.Name, new DateOnly(year, month, 1), ct);
        if (skipEmpty && month1.Lines.Count == 0 && month1.OpeningBalance == 0)
        {
            return (null, false);
        }

        var profile = await BusinessService.ProfileOf(scope.Db, scope.Clock, ct);
        var number = (await scope.Db.Bills.MaxAsync(b => (int?)b.Number, ct) ?? 0) + 1; // each bill is saved before the next is numbered
        var (opening, billed, paid, closing, liters) = (month1.OpeningBalance, month1.Billed, month1.Paid, month1.ClosingBalance, month1.LitersDelivered);
        var bill = new Bill(Guid.CreateVersion7(), number, customer.Id, customer.Name, customer.Phone, customer.Address, profile.Name, profile.Phone, profile.Address,
            month1.From, month1.To, opening, month1.Lines, liters, billed, paid, closing, scope.Now, scope.Actor.Name, 0, false, UpiLink(profile.Name, closing, number));
        scope.Db.Bills.Add(new BillEntity
        {
            Id = bill.Id,
            Number = number,
            CustomerId = customer.Id,
            Year = year,
            Month = month,
            OpeningBalance = opening,
            Billed = billed,
            Paid = paid,
            ClosingBalance = closing,
            Liters = liters,
            Snapshot = JsonSerializer.Serialize(bill, Json),
            IssuedAt = scope.Now,
            IssuedBy = scope.Actor.Name,
        });
        if (!skipEmpty)
        {
            scope.Log("bill.issued", "bill", bill.Id, $"Issued bill No. {number} for {MonthName(year, month)} to {customer.Name}", customer.Id);
        }

        await scope.Db.SaveChangesAsync(ct);
        return (bill, true);
    }

    private static Bill ToModel(BillEntity entity, bool copy) =>
        JsonSerializer.Deserialize<Bill>(entity.Snapshot, Json)! with { Copies = entity.Copies, Copy = copy };

    private string? UpiLink(string payee, decimal due, int number)
    {
        var upi = options.Value.UpiId?.Trim();
        if (string.IsNullOrEmpty(upi) || due <= 0)
        {
            return null;
        }

        var amount = due.ToString("0.00", CultureInfo.InvariantCulture);
        return $"upi://pay?pa={Uri.EscapeDataString(upi)}&pn={Uri.EscapeDataString(payee)}&am={amount}&cu=INR&tn={Uri.EscapeDataString($"Bill {number}")}";
    }

    private static string UpiIdOf(string link) =>
        Uri.UnescapeDataString(link.Split('?', 2)[1].Split('&').First(p => p.StartsWith("pa=", StringComparison.Ordinal))[3..]);

    private (int Year, int Month) ValidMonth(IssueBill command)
    {
        var v = new Validation();
        var year = v.Required("year", command.Year);
        var month = v.Required("month", command.Month);
        if (month is < 1 or > 12)
        {
            v.Add("month", "Month must be between 1 and 12.");
        }

        if (year is < 2000 or > 2100)
        {
            v.Add("year", "Year must be between 2000 and 2100.");
        }

        if (v.IsValid && new DateOnly(year!.Value, month!.Value, 1) > clock.Today)
        {
            v.Add("month", "A month is billed once it has begun.");
        }

        v.ThrowIfInvalid();
        return (year!.Value, month!.Value);
    }

    private static string MonthName(int year, int month) => new DateOnly(year, month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
}
