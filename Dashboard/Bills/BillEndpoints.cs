using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Bills;
using Dashboard.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Bills;

/// <summary>Monthly bills over REST; a customer's app fetches its own (the id in the path).</summary>
public static class BillEndpoints
{
    public static IEndpointRouteBuilder MapBillEndpoints(this IEndpointRouteBuilder app)
    {
        var customer = app.MapGroup("/api/v1/customers/{customerId:guid}/bills").WithTags("Bills").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        customer.MapGet("/", List).Requires(Operation.ReadBills).WithSummary("The customer's bills as issued, the latest month first.");
        customer.MapGet("/{billId:guid}", Get).Requires(Operation.ReadBills).WithSummary("One bill as issued: lines, balances, the business, the UPI link.");
        customer.MapPost("/", Issue).Requires(Operation.IssueBills)
            .WithSummary("Issue the customer's bill for {year, month}: 201 with a new number, or 200 with the bill already issued, marked as a copy.")
            .ProducesValidationProblem();

        var all = app.MapGroup("/api/v1/bills").WithTags("Bills").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        all.MapPost("/", IssueAll).Requires(Operation.IssueBills)
            .WithSummary("Issue {year, month}'s bills for every customer with something to bill, in one run (those already issued come back as copies).")
            .ProducesValidationProblem();
        all.MapGet("/", Month).Requires(Operation.IssueBills).WithSummary("A month's bills (?year=&month=), by number.").ProducesValidationProblem();
        return app;
    }

    public static async Task<Ok<IReadOnlyList<Bill>>> List(Guid customerId, BillService bills, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await bills.ListAsync(user.ToActor(Channel.Api), customerId, ct));

    public static async Task<Ok<Bill>> Get(Guid customerId, Guid billId, BillService bills, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await bills.GetAsync(user.ToActor(Channel.Api), customerId, billId, ct));

    public static async Task<Results<Created<Bill>, Ok<Bill>>> Issue(Guid customerId, IssueBill body, BillService bills, ClaimsPrincipal user, CancellationToken ct)
    {
        var bill = await bills.IssueAsync(user.ToActor(Channel.Api), customerId, body, ct);
        return bill.Copy ? TypedResults.Ok(bill) : TypedResults.Created($"/api/v1/customers/{customerId}/bills/{bill.Id}", bill);
    }

    public static async Task<Ok<BillRun>> IssueAll(IssueBill body, BillService bills, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await bills.IssueAllAsync(user.ToActor(Channel.Api), body, ct));

    public static async Task<Ok<IReadOnlyList<Bill>>> Month(BillService bills, ClaimsPrincipal user, CancellationToken ct, int? year = null, int? month = null) =>
        TypedResults.Ok(await bills.MonthAsync(user.ToActor(Channel.Api), year ?? 0, month ?? 0, ct));
}
