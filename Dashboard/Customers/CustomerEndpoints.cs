using System.Globalization;
using System.Security.Claims;
using System.Text;
using Dashboard.Auth;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Customers;

public static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomerEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/customers").WithTags("Customers").RequireAuthorization();
        api.MapPost("/", Create).Requires(Operation.ManageCustomers).WithSummary("Create a customer (Admin, Staff).");
        api.MapGet("/", List).Requires(Operation.ReadCustomers).WithSummary("Search customers by name, phone, address or route, a page at a time.");
        api.MapGet("/{id:guid}", Get).Requires(Operation.ReadCustomerAccount).WithSummary("One customer; a Customer user may read only their own.");
        api.MapPut("/{id:guid}", Update).Requires(Operation.ManageCustomers).WithSummary("Change a customer's fields; absent fields stay as they are.");
        api.MapGet("/{id:guid}/balance", Balance).Requires(Operation.ReadCustomerAccount).WithSummary("Billed (delivered) minus paid.");
        api.MapGet("/{id:guid}/ledger", Ledger).Requires(Operation.ReadCustomerAccount).WithSummary("Deliveries and payments in date order with a running balance.");
        api.MapGet("/{id:guid}/ledger.csv", LedgerCsvFile).Requires(Operation.ExportLedger)
            .WithSummary("The ledger as CSV (Admin, Staff); with month=yyyy-MM, that month's statement with opening and closing rows.");
        return app;
    }

    public static async Task<Created<Customer>> Create(CreateCustomer body, CustomerService customers, ClaimsPrincipal user, CancellationToken ct)
    {
        var customer = await customers.CreateAsync(user.ToActor(Channel.Api), body, ct);
        return TypedResults.Created($"/api/v1/customers/{customer.Id}", customer);
    }

    public static async Task<Ok<Page<Customer>>> List(CustomerService customers, ClaimsPrincipal user, CancellationToken ct,
        string? search = null, string? route = null, bool? active = null, int page = 1, int pageSize = 50, string? sort = null, bool descending = false) =>
        TypedResults.Ok(await customers.ListAsync(user.ToActor(Channel.Api), new CustomerQuery(search, route, active, page, pageSize, sort, descending), ct));

    public static async Task<Ok<Customer>> Get(Guid id, CustomerService customers, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await customers.GetAsync(user.ToActor(Channel.Api), id, ct));

    public static async Task<Ok<Customer>> Update(Guid id, UpdateCustomer body, CustomerService customers, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await customers.UpdateAsync(user.ToActor(Channel.Api), id, body, ct));

    public static async Task<Ok<CustomerBalance>> Balance(Guid id, CustomerService customers, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await customers.GetBalanceAsync(user.ToActor(Channel.Api), id, ct));

    public static async Task<FileContentHttpResult> LedgerCsvFile(Guid id, CustomerService customers, ClaimsPrincipal user, CancellationToken ct,
        string? month = null)
    {
        var actor = user.ToActor(Channel.Api);
        string csv, name;
        if (month is null)
        {
            var ledger = await customers.GetLedgerAsync(actor, id, ct);
            (csv, name) = (LedgerCsv.Write(ledger), LedgerCsv.FileName(ledger.Balance.CustomerName, null));
        }
        else
        {
            if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                throw new DomainException(ErrorCodes.ValidationFailed, "month must be written yyyy-MM.",
                    new Dictionary<string, string[]> { ["month"] = ["month must be written yyyy-MM."] });
            }

            var statement = await customers.GetStatementAsync(actor, id, first.Year, first.Month, ct);
            (csv, name) = (LedgerCsv.Write(statement), LedgerCsv.FileName(statement.CustomerName, first));
        }

        // With a byte-order mark, spreadsheet programs read non-ASCII names and notes as UTF-8.
        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", name);
    }

    public static async Task<Ok<CustomerLedger>> Ledger(Guid id, CustomerService customers, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await customers.GetLedgerAsync(user.ToActor(Channel.Api), id, ct));
}
