using System.Text.Json.Serialization;
using Dashboard.Domain.Customers;

namespace Dashboard.Domain.Payments;

[JsonConverter(typeof(JsonStringEnumConverter<PaymentMethod>))]
public enum PaymentMethod
{
    [JsonStringEnumMemberName("CASH")] Cash,
    [JsonStringEnumMemberName("MOBILE")] Mobile,
    [JsonStringEnumMemberName("BANK")] Bank,
    [JsonStringEnumMemberName("UPI")] Upi,
    [JsonStringEnumMemberName("CHEQUE")] Cheque,
}

/// <summary>
/// How payment methods are named on the wire (seed 001's CASH, MOBILE, BANK, and UPI, CHEQUE) and to people. The forms
/// offer <see cref="Offered"/>: UPI is what Indian payers call a phone payment, so MOBILE stays for the seeds' apps and
/// the payments recorded as such, and is not offered again.
/// </summary>
public static class PaymentMethods
{
    public static readonly IReadOnlyList<PaymentMethod> Offered = [PaymentMethod.Cash, PaymentMethod.Upi, PaymentMethod.Bank, PaymentMethod.Cheque];

    public static readonly IReadOnlyList<PaymentMethod> All = Enum.GetValues<PaymentMethod>();

    public static string Code(PaymentMethod method) => method.ToString().ToUpperInvariant();

    public static string Label(PaymentMethod method) => method switch
    {
        PaymentMethod.Cash => "Cash",
        PaymentMethod.Mobile => "Mobile",
        PaymentMethod.Bank => "Bank transfer",
        PaymentMethod.Upi => "UPI",
        PaymentMethod.Cheque => "Cheque",
        _ => method.ToString(),
    };

    public static PaymentMethod? Parse(string? code) =>
        All.Cast<PaymentMethod?>().FirstOrDefault(m => string.Equals(Code(m!.Value), code?.Trim(), StringComparison.OrdinalIgnoreCase));
}

public sealed record Payment(
    Guid Id,
    Guid CustomerId,
    string CustomerName,
    decimal Amount,
    PaymentMethod Method,
    DateOnly PaymentDate,
    string? Note,
    string RecordedBy,
    DateTime CreatedAt,
    Guid? OrderId = null);

public sealed class PaymentEntity
{
    public Guid Id { get; set; }

    public Guid CustomerId { get; set; }

    public CustomerEntity? Customer { get; set; }

    public decimal Amount { get; set; }

    public PaymentMethod Method { get; set; }

    public DateOnly PaymentDate { get; set; }

    public string? Note { get; set; }

    public string RecordedBy { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>The one-off order this payment is for, when it is for one (it still counts towards the customer's balance).</summary>
    public Guid? OrderId { get; set; }

    public Payment ToModel(string customerName) =>
        new(Id, CustomerId, customerName, Amount, Method, PaymentDate, Note, RecordedBy, CreatedAt, OrderId);
}

/// <param name="OrderId">Pays (part of) this order: the customer may then be left out; the amount may not exceed what is still due on it.</param>
/// <param name="ConfirmBackdated">
/// True to record a payment dated more than <see cref="PaymentOptions.ConfirmDaysBack"/> days back: such a payment goes
/// into that day's ledger, not today's list, so it is refused with CONFIRMATION_REQUIRED until the caller confirms the date.
/// </param>
public sealed record AddPayment(Guid? CustomerId, decimal? Amount, string? Method, DateOnly? PaymentDate, string? Note, Guid? OrderId = null,
    bool? ConfirmBackdated = null);

/// <summary><c>Dashboard:Payments</c>.</summary>
public sealed class PaymentOptions
{
    public const string Section = "Dashboard:Payments";

    /// <summary>
    /// A payment dated more than this many days before today is recorded only once its date is confirmed
    /// (<c>confirmBackdated: true</c>); a typo such as 1999 for 2026 is asked about, not filed silently.
    /// </summary>
    public int ConfirmDaysBack { get; set; } = 7;
}

public sealed record PaymentQuery(DateOnly? From, DateOnly? To, Guid? CustomerId, string? Method = null, int Limit = 500);
