using System.Security.Claims;
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
        api.MapPost("/", Create).WithSummary("Create a customer (Admin, Staff).");
        api.MapGet("/", List).WithSummary("Search customers by name, phone, address or route, a page at a time.");
        api.MapGet("/{id:guid}", Get).WithSummary("One customer; a Customer user may read only their own.");
        api.MapPut("/{id:guid}", Update).WithSummary("Change a customer's fields; absent fields stay as they are.");
        api.MapGet("/{id:guid}/balance", Balance).WithSummary("Billed (delivered) minus paid.");
        api.MapGet("/{id:guid}/ledger", Ledger).WithSummary("Deliveries and payments in date order with a running balance.");
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

    public static async Task<Ok<CustomerLedger>> Ledger(Guid id, CustomerService customers, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await customers.GetLedgerAsync(user.ToActor(Channel.Api), id, ct));
}
