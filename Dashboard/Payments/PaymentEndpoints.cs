using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Common;
using Dashboard.Domain.Payments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Payments;

public static class PaymentEndpoints
{
    public static IEndpointRouteBuilder MapPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/payments").WithTags("Payments").RequireAuthorization();
        api.MapPost("/", Add).Requires(Operation.RecordPayments).WithSummary("Record a payment (CASH, MOBILE or BANK); delivery agents may record cash only.");
        api.MapGet("/", List).Requires(Operation.ReadPayments).WithSummary(
            "Payments by date range, customer and method, newest first; a Customer user sees only their own. With page or pageSize, "
            + "one page ({ items, total, totalAmount, pageNumber, pageSize }) sorted by date, customer, amount or method, optionally "
            + "searched by customer name, phone or route; without them, a plain array of up to limit payments.");
        return app;
    }

    public static async Task<Created<Payment>> Add(AddPayment body, PaymentService payments, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Created((string?)null, await payments.AddAsync(user.ToActor(Channel.Api), body, ct));

    // Paging is opt-in so that clients of the plain array keep working.
    public static async Task<Results<Ok<IReadOnlyList<Payment>>, Ok<PaymentPage>>> List(PaymentService payments, ClaimsPrincipal user,
        CancellationToken ct, DateOnly? from = null, DateOnly? to = null, Guid? customerId = null, string? method = null, int limit = 500,
        int? page = null, int? pageSize = null, string? sort = null, bool descending = true, string? search = null)
    {
        var actor = user.ToActor(Channel.Api);
        if (page is null && pageSize is null)
        {
            return TypedResults.Ok(await payments.ListAsync(actor, new PaymentQuery(from, to, customerId, method, limit), ct));
        }

        return TypedResults.Ok(await payments.SearchAsync(actor,
            new PaymentSearch(from, to, customerId, method, search, page ?? 1, pageSize ?? 50, sort, descending), ct));
    }
}
