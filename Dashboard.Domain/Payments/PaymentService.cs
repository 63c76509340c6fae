using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Payments;

public sealed class PaymentService(DomainWriter writer, BusinessClock clock, Microsoft.Extensions.Options.IOptions<PaymentOptions> options)
{
    public const decimal MaxAmount = 1_000_000m;

    /// <summary>A payment dated further back than the configured window needs its date confirmed (CONFIRMATION_REQUIRED, 400).</summary>
    private void ConfirmBackdated(DateOnly date, bool? confirmed)
    {
        var daysBack = clock.Today.DayNumber - date.DayNumber;
        if (daysBack <= options.Value.ConfirmDaysBack || confirmed == true)
        {
            return;
        }

        var message = $"{date.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)} is {daysBack} days ago: a payment dated "
            + $"more than {options.Value.ConfirmDaysBack} days back goes into the customer's ledger on that day, not today's list. "
            + "Check the date, or confirm it (confirmBackdated: true).";
        throw new DomainException(ErrorCodes.ConfirmationRequired, message,
            new Dictionary<string, string[]>(StringComparer.Ordinal) { ["paymentDate"] = [message] });
    }

    public Task<Payment> AddAsync(Actor actor, AddPayment command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.RecordPayments);
        var anyPayment = Guard.Allows(actor, Operation.RecordAnyPayment);
        if (!anyPayment && command.PaymentDate is { } day && day != clock.Today)
        {
            throw DomainException.Forbidden($"Delivery agents record the cash they collect today ({clock.Today:yyyy-MM-dd}); staff enter earlier payments.");
        }

        var v = new Validation();
        var amount = v.Required("amount", command.Amount);
        v.Range("amount", amount, 0, MaxAmount, minExclusive: true);
        if (amount is { } a && decimal.Round(a, 2) != a)
        {
            v.Add("amount", "Amount has more than 2 decimal places.");
        }

        if (command.OrderId is null)
        {
            v.Required("customerId", command.CustomerId);
        }

        var method = ParseMethod(v, command.Method);
        var date = command.PaymentDate ?? clock.Today;
        v.WritableDay("paymentDate", date, clock, daysAhead: 0);

        var note = v.Text("note", command.Note, 500, required: false, multiline: true);
        v.ThrowIfInvalid();
        if (!anyPayment && method != PaymentMethod.Cash)
        {
            throw DomainException.Forbidden("Delivery agents may record cash payments only.");
        }

        ConfirmBackdated(date, command.ConfirmBackdated);

        return writer.WriteAsync(actor, async scope =>
        {
            var order = command.OrderId is { } orderId
                ? await scope.Db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct) ?? throw DomainException.NotFound("Order", orderId)
                : null;
            var customerId = command.CustomerId ?? order!.CustomerId;
            var customer = await scope.Db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, ct)
                ?? throw DomainException.NotFound("Customer", customerId);
            // An agent collects for their routes' customers, and for an order given to them wherever its customer lives.
            if (order is null || order.AgentId != actor.UserId)
            {
                Guard.Require(actor, Operation.RecordPayments, customer.Id, customer.Route);
            }

            if (order is not null)
            {
                ForOrder(order, customer.Id, amount!.Value);
                order.Paid += amount.Value;
            }

            var entity = new PaymentEntity
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customer.Id,
                Amount = amount!.Value,
                Method = method!.Value,
                PaymentDate = date,
                Note = string.IsNullOrEmpty(note) ? null : note,
                RecordedBy = scope.Actor.Name,
                CreatedAt = scope.Now,
                OrderId = order?.Id,
            };
            scope.Db.Payments.Add(entity);
            await scope.Db.SaveChangesAsync(ct);
            var payment = entity.ToModel(customer.Name);
            scope.Raise(new PaymentAdded(payment));
            if (order is not null)
            {
                scope.Raise(new OrderPaymentReceived(order.Id, order.Number, customer.Id, order.AgentId, payment, order.Paid, order.Total));
            }

            scope.Raise(new BalanceChanged(await CustomerService.BalanceOf(scope.Db, customer.Id, ct)));
            var forOrder = order is null ? "" : $" for order #{order.Number}";
            scope.Log("payment.added", "payment", entity.Id,
                $"{customer.Name} paid {scope.Words.Money(payment.Amount)} by {PaymentMethods.Label(payment.Method)}{forOrder}", customer.Id, after: payment);
            return payment;
        }, ct);
    }

    /// <summary>A payment for an order is for that customer's order, not a cancelled one, and no more than is still due on it.</summary>
    private static void ForOrder(OrderEntity order, Guid customerId, decimal amount)
    {
        var v = new Validation();
        if (order.CustomerId != customerId)
        {
            v.Add("orderId", $"Order #{order.Number} is another customer's.");
        }
        else if (order.Status == OrderStatus.Cancelled)
        {
            v.Add("orderId", $"Order #{order.Number} was cancelled; record the payment against the customer instead.");
        }
        else if (amount > order.Total - order.Paid)
        {
            v.Add("amount", order.Paid >= order.Total
                ? $"Order #{order.Number} is already paid in full."
                : $"Only {order.Total - order.Paid:0.00} is still due on order #{order.Number}; record the rest against the customer.");
        }

        v.ThrowIfInvalid();
    }

    public Task<IReadOnlyList<Payment>> ListAsync(Actor actor, PaymentQuery query, CancellationToken ct = default)
    {
        var customerId = VisibleCustomer(actor, query.CustomerId);
        var v = new Validation();
        v.ReadableDays(query.From, query.To);

        if (query.Limit is < 1 or > 5000)
        {
            v.Add("limit", "limit must be between 1 and 5000.");
        }

        var method = query.Method is null ? null : ParseMethod(v, query.Method);
        v.ThrowIfInvalid();

        return writer.ReadAsync<IReadOnlyList<Payment>>(async db =>
        {
            var q = PaymentQueries.Filter(db.Payments.AsNoTracking(), query.From, query.To, customerId, method, text: null);
            var rows = await q.OrderByDescending(p => p.PaymentDate).ThenByDescending(p => p.Id).Take(query.Limit)
                .Select(p => new { Payment = p, p.Customer!.Name }).ToListAsync(ct);
            return rows.Select(r => r.Payment.ToModel(r.Name)).ToList();
        }, ct);
    }

    /// <summary>
    /// One page of payments filtered, sorted and paged in the database, with the count and amount of everything the
    /// filters select (the Payments page's totals). A customer sees only their own, as with <see cref="ListAsync"/>.
    /// </summary>
    public Task<PaymentPage> SearchAsync(Actor actor, PaymentSearch search, CancellationToken ct = default)
    {
        var customerId = VisibleCustomer(actor, search.CustomerId);
        var v = new Validation();
        v.ReadableDays(search.From, search.To);

        PaymentQueries.Validate(v, search);
        var method = string.IsNullOrWhiteSpace(search.Method) ? null : ParseMethod(v, search.Method);
        v.ThrowIfInvalid();
        return writer.ReadAsync(db => PaymentQueries.PageAsync(db, search, customerId, method, ct), ct);
    }

    // A customer's listing is always their own, whatever filter they pass; staff see any; nobody else lists payments.
    private static Guid? VisibleCustomer(Actor actor, Guid? asked)
    {
        if (Guard.Require(actor, Operation.ReadPayments) == Access.All)
        {
            return asked;
        }

        if (asked is { } id && id != actor.CustomerId)
        {
            throw DomainException.Forbidden("You may only see your own payments.");
        }

        return actor.CustomerId ?? throw DomainException.Forbidden("Your account is not linked to a customer.");
    }

    private static PaymentMethod? ParseMethod(Validation v, string? method)
    {
        if (string.IsNullOrWhiteSpace(method))
        {
            v.Add("method", "Choose how it was paid.");
            return null;
        }

        if (PaymentMethods.Parse(method) is not { } parsed)
        {
            v.Add("method", $"The method must be one of {string.Join(", ", PaymentMethods.All.Select(PaymentMethods.Code))}.");
        }

        return PaymentMethods.Parse(method);
    }
}
