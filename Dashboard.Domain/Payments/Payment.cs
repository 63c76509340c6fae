using System.Text.Json.Serialization;
using Dashboard.Domain.Customers;

namespace Dashboard.Domain.Payments;

[JsonConverter(typeof(JsonStringEnumConverter<PaymentMethod>))]
public enum PaymentMethod
{
    [JsonStringEnumMemberName("CASH")] Cash,
    [JsonStringEnumMemberName("MOBILE")] Mobile,
    [JsonStringEnumMemberName("BANK")] Bank,
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
public sealed record AddPayment(Guid? CustomerId, decimal? Amount, string? Method, DateOnly? PaymentDate, string? Note, Guid? OrderId = null);

public sealed record PaymentQuery(DateOnly? From, DateOnly? To, Guid? CustomerId, string? Method = null, int Limit = 500);
