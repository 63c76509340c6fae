using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Payments;

public sealed class PaymentService(DomainWriter writer, BusinessClock clock)
{
    public const decimal MaxAmount = 1_000_000m;

    public Task<Payment> AddAsync(Actor actor, AddPayment command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.RecordPayments);
        var anyPayment = Guard.Allows(actor, Operation.RecordAnyPayment);
        if (!anyPayment && command.PaymentDate is { } day && day != clock.Today)
        {
            throw DomainException.Forbidden($"Delivery agents record the cash they collect today ({clock.Today:yyyy-MM-dd}); staff enter earlier payments.");
        }

        var v = new Validation();
        var customerId = v.Required("customerId", command.CustomerId);
        var amount = v.Required("amount", command.Amount);
        v.Range("amount", amount, 0, MaxAmount, minExclusive: true);
        if (amount is { } a && decimal.Round(a, 2) != a)
        {
            v.Add("amount", "amount has more than 2 decimal places.");
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


        return writer.WriteAsync(actor, async scope =>
        {
            var customer = await scope.Db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, ct)
                ?? throw DomainException.NotFound("Customer", customerId!.Value);
            Guard.Require(actor, Operation.RecordPayments, customer.Id, customer.Route);
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
            };
            scope.Db.Payments.Add(entity);
            await scope.Db.SaveChangesAsync(ct);
            var payment = entity.ToModel(customer.Name);
            scope.Raise(new PaymentAdded(payment));
            scope.Raise(new BalanceChanged(await CustomerService.BalanceOf(scope.Db, customer.Id, ct)));
            scope.Log("payment.added", "payment", entity.Id,
                $"{customer.Name} paid {payment.Amount:0.00} ({command.Method!.Trim().ToUpperInvariant()})", customer.Id, after: payment);
            return payment;
        }, ct);
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
        switch (method?.Trim().ToUpperInvariant())
        {
            case null or "":
                v.Add("method", "method is required.");
                return null;
            case "CASH":
                return PaymentMethod.Cash;
            case "MOBILE":
                return PaymentMethod.Mobile;
            case "BANK":
                return PaymentMethod.Bank;
            default:
                v.Add("method", "method must be one of CASH, MOBILE, BANK.");
                return null;
        }
    }
}
