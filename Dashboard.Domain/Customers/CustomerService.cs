using Dashboard.Domain.Common;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Customers;

public sealed class CustomerService(DomainWriter writer)
{
    public const decimal MaxQuantity = 100m;
    public const decimal MaxPrice = 10_000m;

    public Task<Customer> CreateAsync(Actor actor, CreateCustomer command, CancellationToken ct = default)
    {
        Guard.Staff(actor);
        var v = new Validation();
        var name = v.Text("name", command.Name, 100, required: true);
        var phone = ValidPhone(v, command.Phone);
        var address = v.Text("address", command.Address, 200, required: false);
        var route = v.Text("route", command.Route, 50, required: false);
        var quantity = v.Required("defaultQuantity", command.DefaultQuantity);
        var price = v.Required("pricePerLiter", command.PricePerLiter);
        v.Range("defaultQuantity", quantity, 0, MaxQuantity);
        v.Range("pricePerLiter", price, 0, MaxPrice, minExclusive: true);
        v.ThrowIfInvalid();

        return writer.WriteAsync(actor, async scope =>
        {
            var entity = new CustomerEntity
            {
                Id = Guid.CreateVersion7(),
                Name = name!,
                Phone = NullIfEmpty(phone),
                Address = NullIfEmpty(address),
                Route = NullIfEmpty(route),
                DefaultQuantity = quantity!.Value,
                PricePerLiter = price!.Value,
                IsActive = command.IsActive ?? true,
                CreatedAt = scope.Now,
                UpdatedAt = scope.Now,
                Version = 1,
            };
            scope.Db.Customers.Add(entity);
            await scope.Db.SaveChangesAsync(ct);
            var customer = entity.ToModel();
            scope.Raise(new CustomerChanged(customer, Created: true));
            scope.Log("customer.created", "customer", entity.Id, $"Created customer {entity.Name}", entity.Id, after: customer);
            return customer;
        }, ct);
    }

    public Task<Customer> UpdateAsync(Actor actor, Guid id, UpdateCustomer command, CancellationToken ct = default)
    {
        Guard.Staff(actor);
        var v = new Validation();
        var name = command.Name is null ? null : v.Text("name", command.Name, 100, required: true);
        var phone = ValidPhone(v, command.Phone);
        var address = v.Text("address", command.Address, 200, required: false);
        var route = v.Text("route", command.Route, 50, required: false);
        v.Range("defaultQuantity", command.DefaultQuantity, 0, MaxQuantity);
        v.Range("pricePerLiter", command.PricePerLiter, 0, MaxPrice, minExclusive: true);
        v.ThrowIfInvalid();

        return writer.WriteAsync(actor, async scope =>
        {
            var entity = await scope.Db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct)
                ?? throw DomainException.NotFound("Customer", id);
            if (command.Version is { } expected && expected != entity.Version)
            {
                throw DomainException.Conflict($"Customer {entity.Name} was changed by someone else (version {entity.Version}); reload and try again.");
            }

            var before = entity.ToModel();
            entity.Name = name ?? entity.Name;
            entity.Phone = phone is null ? entity.Phone : NullIfEmpty(phone);
            entity.Address = address is null ? entity.Address : NullIfEmpty(address);
            entity.Route = route is null ? entity.Route : NullIfEmpty(route);
            entity.DefaultQuantity = command.DefaultQuantity ?? entity.DefaultQuantity;
            entity.PricePerLiter = command.PricePerLiter ?? entity.PricePerLiter;
            entity.IsActive = command.IsActive ?? entity.IsActive;
            entity.UpdatedAt = scope.Now;
            entity.Version++;
            await scope.Db.SaveChangesAsync(ct);
            var customer = entity.ToModel();
            scope.Raise(new CustomerChanged(customer, Created: false));
            scope.Log("customer.updated", "customer", entity.Id, $"Updated customer {entity.Name}", entity.Id, before, customer);
            return customer;
        }, ct);
    }

    public Task<Customer> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        Guard.ReadCustomer(actor, id);
        return writer.ReadAsync(async db =>
            (await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct))?.ToModel()
            ?? throw DomainException.NotFound("Customer", id), ct);
    }

    public Task<Page<Customer>> ListAsync(Actor actor, CustomerQuery query, CancellationToken ct = default)
    {
        Guard.StaffOrDelivery(actor);
        var v = new Validation();
        if (query.Page < 1)
        {
            v.Add("page", "page must be 1 or more.");
        }

        if (query.PageSize is < 1 or > 500)
        {
            v.Add("pageSize", "pageSize must be between 1 and 500.");
        }

        v.ThrowIfInvalid();
        return writer.ReadAsync(async db =>
        {
            var q = db.Customers.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var pattern = "%" + EscapeLike(query.Search.Trim()) + "%";
                q = q.Where(c => EF.Functions.Like(c.Name, pattern, "\\") || EF.Functions.Like(c.Phone!, pattern, "\\")
                    || EF.Functions.Like(c.Address!, pattern, "\\") || EF.Functions.Like(c.Route!, pattern, "\\"));
            }

            if (!string.IsNullOrWhiteSpace(query.Route))
            {
                q = q.Where(c => c.Route == query.Route);
            }

            if (query.Active is { } active)
            {
                q = q.Where(c => c.IsActive == active);
            }

            var total = await q.CountAsync(ct);
            var items = await q.OrderBy(c => c.Name).ThenBy(c => c.Id)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
            return new Page<Customer>(items.Select(c => c.ToModel()).ToList(), total, query.Page, query.PageSize);
        }, ct);
    }

    public Task<CustomerBalance> GetBalanceAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        Guard.ReadCustomer(actor, id);
        return writer.ReadAsync(db => BalanceOf(db, id, ct), ct);
    }

    public Task<CustomerLedger> GetLedgerAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        Guard.ReadCustomer(actor, id);
        return writer.ReadAsync(async db =>
        {
            var balance = await BalanceOf(db, id, ct);
            var entries = await db.DailyEntries.AsNoTracking()
                .Where(e => e.CustomerId == id && e.Status == DeliveryStatus.Delivered).ToListAsync(ct);
            var payments = await db.Payments.AsNoTracking().Where(p => p.CustomerId == id).ToListAsync(ct);
            var lines = entries
                .Select(e => (e.Date, Order: 0, e.CreatedAt, Kind: LedgerLineKind.Delivery, e.Id,
                    Text: $"{e.Quantity:0.###} L @ {e.PricePerLiter:0.00}", Debit: e.Amount, Credit: 0m))
                .Concat(payments.Select(p => (Date: p.PaymentDate, Order: 1, p.CreatedAt, Kind: LedgerLineKind.Payment, p.Id,
                    Text: p.Note is { Length: > 0 } note ? $"Payment ({p.Method.ToString().ToUpperInvariant()}) {note}" : $"Payment ({p.Method.ToString().ToUpperInvariant()})",
                    Debit: 0m, Credit: p.Amount)))
                .OrderBy(l => l.Date).ThenBy(l => l.Order).ThenBy(l => l.CreatedAt);
            var running = 0m;
            var ledger = new List<LedgerLine>();
            foreach (var l in lines)
            {
                running += l.Debit - l.Credit;
                ledger.Add(new LedgerLine(l.Date, l.Kind, l.Id, l.Text, l.Debit, l.Credit, running));
            }

            return new CustomerLedger(balance, ledger);
        }, ct);
    }

    /// <summary>The balance as the transaction sees it; used by writers to publish balance:updated after a change.</summary>
    public static async Task<CustomerBalance> BalanceOf(DashboardDbContext db, Guid customerId, CancellationToken ct)
    {
        var name = await db.Customers.Where(c => c.Id == customerId).Select(c => c.Name).FirstOrDefaultAsync(ct)
            ?? throw DomainException.NotFound("Customer", customerId);
        var billed = await db.DailyEntries.Where(e => e.CustomerId == customerId && e.Status == DeliveryStatus.Delivered)
            .SumAsync(e => e.Amount, ct);
        var paid = await db.Payments.Where(p => p.CustomerId == customerId).SumAsync(p => p.Amount, ct);
        return new CustomerBalance(customerId, name, billed, paid, billed - paid);
    }

    private static string? ValidPhone(Validation v, string? phone)
    {
        var value = v.Text("phone", phone, 20, required: false);
        if (!string.IsNullOrEmpty(value) && !value.All(ch => char.IsDigit(ch) || ch is '+' or ' ' or '-' or '(' or ')'))
        {
            v.Add("phone", "phone may contain only digits, spaces and + - ( ).");
        }

        return value;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
