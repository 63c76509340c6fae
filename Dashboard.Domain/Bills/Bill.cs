using Dashboard.Domain.Customers;

namespace Dashboard.Domain.Bills;

/// <summary>
/// A customer's bill for one month, as issued and kept: the business as it was then, the month's ledger lines, opening and
/// closing balance. Issuing the same month again gives this bill back as a copy (<see cref="Copy"/>), never a new number.
/// </summary>
/// <param name="Number">Sequential across the business, from 1.</param>
/// <param name="Copies">How many times it was issued again after the first.</param>
/// <param name="UpiLink">A <c>upi://pay</c> link for what is due (its QR on the printed bill); null without a UPI id or nothing due.</param>
public sealed record Bill(
    Guid Id,
    int Number,
    Guid CustomerId,
    string CustomerName,
    string? CustomerPhone,
    string? CustomerAddress,
    string BusinessName,
    string? BusinessPhone,
    string? BusinessAddress,
    DateOnly From,
    DateOnly To,
    decimal OpeningBalance,
    IReadOnlyList<LedgerLine> Lines,
    decimal LitersDelivered,
    decimal Billed,
    decimal Paid,
    decimal ClosingBalance,
    DateTime IssuedAt,
    string IssuedBy,
    int Copies,
    bool Copy,
    string? UpiLink);

/// <summary>A month's run over every customer: the bills issued now and those that already were (given back as copies).</summary>
public sealed record BillRun(int Year, int Month, IReadOnlyList<Bill> Issued, IReadOnlyList<Bill> AlreadyIssued);

public sealed record IssueBill(int? Year, int? Month);

/// <summary><c>Dashboard:Billing</c>.</summary>
public sealed class BillingOptions
{
    public const string Section = "Dashboard:Billing";

    /// <summary>The business's UPI id (<c>name@bank</c>): printed bills carry a QR to pay what is due. Empty: no QR.</summary>
    public string? UpiId { get; set; }
}

public sealed class BillEntity
{
    public Guid Id { get; set; }

    public int Number { get; set; }

    public Guid CustomerId { get; set; }

    public int Year { get; set; }

    public int Month { get; set; }

    public decimal OpeningBalance { get; set; }

    public decimal Billed { get; set; }

    public decimal Paid { get; set; }

    public decimal ClosingBalance { get; set; }

    public decimal Liters { get; set; }

    /// <summary>The bill as issued (<see cref="Bill"/> without its copy marks), JSON: what was sent stays what was sent.</summary>
    public string Snapshot { get; set; } = "";

    public DateTime IssuedAt { get; set; }

    public string IssuedBy { get; set; } = "";

    public int Copies { get; set; }
}
