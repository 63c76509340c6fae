namespace Dashboard.Domain.Customers;

/// <summary>Billed is the sum of delivered amounts; a positive balance is money the customer owes.</summary>
public sealed record CustomerBalance(Guid CustomerId, string CustomerName, decimal Billed, decimal Paid, decimal Balance);

public enum LedgerLineKind
{
    Delivery,
    Payment,
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
