namespace Dashboard.Domain.Customers;

/// <summary>Billed is the sum of delivered amounts; a positive balance is money the customer owes.</summary>
public sealed record CustomerBalance(Guid CustomerId, string CustomerName, decimal Billed, decimal Paid, decimal Balance);

public enum LedgerLineKind
{
    Delivery,
    Payment,
    Order,
}

public sealed record LedgerLine(
    DateOnly Date,
    LedgerLineKind Kind,
    Guid ReferenceId,
    string Description,
    decimal Debit,
    decimal Credit,
    decimal RunningBalance);

public sealed record CustomerLedger(CustomerBalance Balance, IReadOnlyList<LedgerLine> Lines);

/// <summary>A row of the customer list: the customer and what they owe now (negative: in credit).</summary>
public sealed record CustomerWithBalance(Customer Customer, decimal Balance);

/// <summary>
/// One calendar month of a customer's ledger: what they owed when it began, its lines (running balances continue
/// from the opening balance), and its totals.
/// </summary>
public sealed record CustomerStatement(
    Guid CustomerId,
    string CustomerName,
    DateOnly From,
    DateOnly To,
    decimal OpeningBalance,
    IReadOnlyList<LedgerLine> Lines,
    decimal LitersDelivered,
    decimal Billed,
    decimal Paid,
    decimal ClosingBalance);
