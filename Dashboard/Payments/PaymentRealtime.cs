using Dashboard.Domain.Common;
using Dashboard.Domain.Payments;
using Dashboard.Realtime;

namespace Dashboard.Payments;

/// <summary>Payments over both hubs: a payment recorded reaches staff and its customer.</summary>
public sealed class PaymentRealtime : IRealtimeFeature
{
    public const string Add = "payment:add";
    public const string Added = "payment:added";

    public void Declare(RealtimeCatalogBuilder catalog)
    {
        catalog.Command<AddPayment>(Add, Operation.RecordPayments, async (call, payment) =>
            new CommandReply(await call.Get<PaymentService>().AddAsync(call.Actor, payment, call.Cancellation)));
        catalog.Event<PaymentAdded>(Added, p => p.Payment, p => [.. Rooms.Staff, Rooms.Customer(p.Payment.CustomerId)]);
    }
}
