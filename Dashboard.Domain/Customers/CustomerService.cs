using Dashboard.Domain.Common;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.DeliveryRoutes;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Customers;

public sealed class CustomerService(DomainWriter writer, PhoneNumbers phones, QuantityRules quantities)
{
    public const decimal MaxPrice = 10_000m;
    public const int MaxNoteLength = 200;

    public Task<Customer> CreateAsync(Actor actor, CreateCustomer command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageCustomers);
        var (name, phone, address, route, quantity, price, note) = ValidateAll(command);

        return writer.WriteAsync(actor, async scope =>
        {
            var listed = await ListedRouteAsync(scope, route, ct);
            var entity = new CustomerEntity
            {
                Id = Guid.CreateVersion7(),
                Name = name,
                Phone = phone?.Display,
                PhoneDigits = phone?.Digits,
                Address = NullIfEmpty(address),
                Route = listed,
                Note = NullIfEmpty(note),
                DefaultQuantity = quantity,
                PricePerLiter = price,
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

    /// <summary>
    /// A full edit, as the edit form makes it: every field as given and the required ones required, where
    /// <see cref="UpdateAsync"/> (the API's partial update) would keep a field that is left out.
    /// </summary>
    public Task<Customer> ReplaceAsync(Actor actor, Guid id, CreateCustomer fields, int version, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageCustomers);
        ValidateAll(fields);
        return UpdateAsync(actor, id, new UpdateCustomer(fields.Name, fields.Phone ?? "", fields.Address ?? "", fields.Route ?? "",
            fields.DefaultQuantity, fields.PricePerLiter, fields.IsActive, version, fields.Note ?? ""), ct);
    }

    public Task<Customer> UpdateAsync(Actor actor, Guid id, UpdateCustomer command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageCustomers);
        var v = new Validation();
        var name = command.Name is null ? null : v.Text("name", command.Name, 100, required: true);
        var phone = ValidPhone(v, command.Phone);
        var address = v.Text("address", command.Address, 200, required: false);
        var route = v.Text("route", command.Route, 50, required: false);
        var note = v.Text("note", command.Note, MaxNoteLength, required: false);
        quantities.Check(v, "defaultQuantity", command.DefaultQuantity);
        v.Range("pricePerLiter", command.PricePerLiter, 0, MaxPrice, minExclusive: true);
        if (command is { Name: null, Phone: null, Address: null, Route: null, DefaultQuantity: null, PricePerLiter: null, IsActive: null, Note: null })
        {
            v.Add("body", "Nothing to change: give at least one of name, phone, address, route, defaultQuantity, pricePerLiter, isActive, note.");
        }

        v.ThrowIfInvalid();

        return writer.WriteAsync(actor, async scope =>
        {
            var entity = await scope.Db.Customers.FirstOrDefaultAsync(c => c.Id == id, ct)
                ?? throw DomainException.NotFound("Customer", id);
            if (command.Version is { } expected && expected != entity.Version)
            {
                throw DomainException.Conflict($"Customer {entity.Name} was changed by someone else (version {entity.Version}); reload and try again.");
            }

            var listed = await ListedRouteAsync(scope, route, ct);
            var before = entity.ToModel();
            entity.Name = name ?? entity.Name;
            if (phone is { } change)
            {
                (entity.Phone, entity.PhoneDigits) = (change.Number?.Display, change.Number?.Digits);
            }

            entity.Address = address is null ? entity.Address : NullIfEmpty(address);
            entity.Route = route is null ? entity.Route : listed;
            entity.Note = note is null ? entity.Note : NullIfEmpty(note);
            entity.DefaultQuantity = command.DefaultQuantity ?? entity.DefaultQuantity;
            entity.PricePerLiter = command.PricePerLiter ?? entity.PricePerLiter;
            entity.IsActive = command.IsActive ?? entity.IsActive;
            entity.UpdatedAt = scope.Now;
            entity.Version++;
            await scope.Db.SaveChangesAsync(ct);
            var customer = entity.ToModel();
            scope.Raise(new CustomerChanged(customer, Created: false,
                string.Equals(before.Route, customer.Route, StringComparison.OrdinalIgnoreCase) ? null : before.Route));
            scope.Log("customer.updated", "customer", entity.Id, $"Updated customer {entity.Name}", entity.Id, before, customer);
            return customer;
        }, ct);
    }

    public Task<Customer> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadCustomerAccount, id);
        return writer.ReadAsync(async db =>
            (await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct))?.ToModel()
            ?? throw DomainException.NotFound("Customer", id), ct);
    }

    public async Task<Page<Customer>> ListAsync(Actor actor, CustomerQuery query, CancellationToken ct = default)
    {
        var page = await ListWithBalancesAsync(actor, query, ct);
        return new Page<Customer>(page.Items.Select(r => r.Customer).ToList(), page.Total, page.PageNumber, page.PageSize);
    }

    /// <summary>Searched, filtered, sorted (any <see cref="CustomerSort"/> key, balance included) and paged in the database.</summary>
    public Task<Page<CustomerWithBalance>> ListWithBalancesAsync(Actor actor, CustomerQuery query, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadCustomers);
        var v = new Validation();
        CustomerQueries.Validate(v, query);
        v.ThrowIfInvalid();
        var digits = query.Search is { } search ? phones.SearchDigits(search) : null;
        return writer.ReadAsync(db => CustomerQueries.PageAsync(db, query, digits, ct), ct);
    }

    /// <summary>The business's routes (the managed list), for filters and pickers; an agent's own only.</summary>
    public Task<IReadOnlyList<string>> RoutesAsync(Actor actor, CancellationToken ct = default)
    {
        var access = Guard.Require(actor, Operation.ReadDeliveries);
        return writer.ReadAsync<IReadOnlyList<string>>(async db =>
        {
            var routes = await db.Routes.AsNoTracking().OrderBy(r => r.NormalizedName).Select(r => r.Name).ToListAsync(ct);
            return access == Access.Route ? routes.Where(actor.Serves).ToList() : routes;
        }, ct);
    }

    public Task<CustomerBalance> GetBalanceAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadCustomerAccount, id);
        return writer.ReadAsync(db => BalanceOf(db, id, ct), ct);
    }

    public Task<CustomerLedger> GetLedgerAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadCustomerAccount, id);
        return writer.ReadAsync(async db =>
            new CustomerLedger(await BalanceOf(db, id, ct), await CustomerQueries.LedgerLinesAsync(db, id, ct)), ct);
    }

    /// <summary>One calendar month of the ledger: opening balance, that month's lines and totals, closing balance.</summary>
    public Task<CustomerStatement> GetStatementAsync(Actor actor, Guid id, int year, int month, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadCustomerAccount, id);
        var v = new Validation();
        if (month is < 1 or > 12)
        {
            v.Add("month", "month must be between 1 and 12.");
        }

        if (year is < 2000 or > 2100)
        {
            v.Add("year", "year must be between 2000 and 2100.");
        }

        v.ThrowIfInvalid();
        var from = new DateOnly(year, month, 1);
        var to = from.AddMonths(1).AddDays(-1);
        return writer.ReadAsync(async db => await StatementOf(db, id, (await BalanceOf(db, id, ct)).CustomerName, from, ct), ct);
    }

    /// <summary>The month from <paramref name="from"/> of one customer's ledger, as a query or a write (a bill) sees it.</summary>
    public static async Task<CustomerStatement> StatementOf(DashboardDbContext db, Guid id, string customerName, DateOnly from, CancellationToken ct)
    {
        var to = from.AddMonths(1).AddDays(-1);
        var ledger = await CustomerQueries.LedgerLinesAsync(db, id, ct);
        var opening = ledger.LastOrDefault(l => l.Date < from)?.RunningBalance ?? 0m;
        var lines = ledger.Where(l => l.Date >= from && l.Date <= to).ToList();
        var liters = await db.DailyEntries
            .Where(e => e.CustomerId == id && e.Status == DeliveryStatus.Delivered && e.Date >= from && e.Date <= to)
            .SumAsync(e => e.Quantity, ct);
        var billed = lines.Sum(l => l.Debit);
        var paid = lines.Sum(l => l.Credit);
        return new CustomerStatement(id, customerName, from, to, opening, lines, liters, billed, paid, opening + billed - paid);
    }

    /// <summary>The balance as the transaction sees it; used by writers to publish balance:updated after a change.</summary>
    public static async Task<CustomerBalance> BalanceOf(DashboardDbContext db, Guid customerId, CancellationToken ct)
    {
        var row = await BalanceQuery(db, customerId).FirstOrDefaultAsync(ct) ?? throw DomainException.NotFound("Customer", customerId);
        var billed = MoneySql.FromCents(row.Billed);
        var paid = MoneySql.FromCents(row.Paid);
        return new CustomerBalance(customerId, row.Name, billed, paid, billed - paid);
    }

    /// <summary>A customer's name and sums in cents, in one statement; read by every write that moves money, so its plan is tested.</summary>
    public static IQueryable<BalanceRow> BalanceQuery(DashboardDbContext db, Guid customerId)
    {
        var charges = Billing.Charges(db, customerId);
        return db.Customers.Where(c => c.Id == customerId).Select(c => new BalanceRow(
            c.Name,
            charges.Sum(e => MoneySql.Cents(e.Amount)),
            db.Payments.Where(p => p.CustomerId == c.Id).Sum(p => MoneySql.Cents(p.Amount))));
    }

    public sealed record BalanceRow(string Name, long Billed, long Paid);

    private (string Name, PhoneNumber? Phone, string? Address, string? Route, decimal Quantity, decimal Price, string? Note) ValidateAll(CreateCustomer command)
    {
        var v = new Validation();
        var name = v.Text("name", command.Name, 100, required: true);
        var phone = ValidPhone(v, command.Phone);
        var address = v.Text("address", command.Address, 200, required: false);
        var route = v.Text("route", command.Route, 50, required: false);
        var note = v.Text("note", command.Note, MaxNoteLength, required: false);
        var quantity = v.Required("defaultQuantity", command.DefaultQuantity);
        var price = v.Required("pricePerLiter", command.PricePerLiter);
        quantities.Check(v, "defaultQuantity", quantity);
        v.Range("pricePerLiter", price, 0, MaxPrice, minExclusive: true);
        v.ThrowIfInvalid();
        return (name!, phone?.Number, address, route, quantity!.Value, price!.Value, note);
    }

    /// <summary>The route as the list names it ("jayanagar " is Jayanagar); one not on the list is a field error.</summary>
    private static async Task<string?> ListedRouteAsync(WriteScope scope, string? route, CancellationToken ct)
    {
        var v = new Validation();
        var listed = await RouteNames.ResolveAsync(scope.Db, v, "route", route, ct);
        v.ThrowIfInvalid();
        return listed;
    }

    /// <summary>Null: not given (a partial update keeps it); a change with no number: cleared.</summary>
    private PhoneChange? ValidPhone(Validation v, string? phone)
    {
        var value = v.Text("phone", phone, PhoneNumbers.MaxLength, required: false);
        if (value is null)
        {
            return null;
        }

        var (number, error) = phones.Parse(value);
        if (error is not null)
        {
            v.Add("phone", error);
        }

        return new PhoneChange(number);
    }

    private sealed record PhoneChange(PhoneNumber? Number);

    /// <summary>
    /// The other customers with this phone number (the editor warns before a second account gets it; families do share
    /// one, so it is not refused). Compared by digits, so a number stored before normalising matches too.
    /// </summary>
    public Task<IReadOnlyList<Customer>> WithPhoneAsync(Actor actor, string phone, Guid? except, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageCustomers);
        if (phones.Parse(phone.Trim()).Number is not { } number)
        {
            return Task.FromResult<IReadOnlyList<Customer>>([]);
        }

        var national = number.Digits[phones.CountryCode.Length..];
        return writer.ReadAsync<IReadOnlyList<Customer>>(async db =>
        {
            var rows = await db.Customers.AsNoTracking()
                .Where(c => c.PhoneDigits != null && c.PhoneDigits.EndsWith(national) && c.Id != except)
                .OrderBy(c => c.Name).Take(5).ToListAsync(ct);
            return [.. rows.Where(c => c.PhoneDigits == number.Digits || c.PhoneDigits == national).Select(c => c.ToModel())];
        }, ct);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

}
