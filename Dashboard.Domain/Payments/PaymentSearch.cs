namespace Dashboard.Domain.Payments;

/// <summary>
/// The Payments page's query: a date range, a method, one customer or a search text (name, phone or route), one
/// page sorted by a <see cref="PaymentSort"/> key; newest first when no sort is given.
/// </summary>
public sealed record PaymentSearch(
    DateOnly? From = null,
    DateOnly? To = null,
    Guid? CustomerId = null,
    string? Method = null,
    string? Search = null,
    int Page = 1,
    int PageSize = 25,
    string? Sort = null,
    bool Descending = true);

/// <summary>One page of payments, and the count and sum of every payment the filters select (not just this page).</summary>
public sealed record PaymentPage(IReadOnlyList<Payment> Items, int Total, decimal TotalAmount, int PageNumber, int PageSize);

public static class PaymentSort
{
    public const string Date = "date";
    public const string Customer = "customer";
    public const string Amount = "amount";
    public const string Method = "method";

    public static readonly IReadOnlyList<string> Keys = [Date, Customer, Amount, Method];
}
