using Dashboard.Domain.Common;
using Dashboard.Domain.Payments;
using Dashboard.Realtime;

namespace Dashboard.Payments;

/// <summary>seed 001's <c>payment:received</c> {orderId, amount, paymentMethod}, and where the order's payment stands.</summary>
public sealed record PaymentReceivedMessage(Guid OrderId, int OrderNumber, decimal Amount, PaymentMethod PaymentMethod, decimal Paid, decimal Total,
    bool PaidInFull, Payment Payment);

/// <summary>
/// Payments over both hubs: a payment recorded reaches staff and its customer; one for an order is also
/// <c>payment:received</c>, to them, the order's agent and whoever follows the order's room.
/// </summary>
public sealed class PaymentRealtime : IRealtimeFeature
{
    public const string Add = "payment:add";
    public const string Added = "payment:added";
    public const string Received = "payment:received";

    public void Declare(RealtimeCatalogBuilder catalog)
    {
        catalog.Command<AddPayment>(Add, Operation.RecordPayments, async (call, payment) =>
            new CommandReply(await call.Get<PaymentService>().AddAsync(call.Actor, payment, call.Cancellation)));
        catalog.Event<PaymentAdded>(Added, p => p.Payment, p => [.. Rooms.Staff, Rooms.Customer(p.Payment.CustomerId)]);
        catalog.Event<OrderPaymentReceived>(Received,
            e => new PaymentReceivedMessage(e.OrderId, e.OrderNumber, e.Payment.Amount, e.Payment.Method, e.Paid, e.Total, e.PaidInFull, e.Payment),
            e => [.. Rooms.Staff, Rooms.Customer(e.CustomerId), .. e.AgentId is { } agent ? [Rooms.User(agent)] : Array.Empty<string>(),
                Rooms.Order(e.OrderId.ToString())]);
    }
}
