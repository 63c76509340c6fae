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
        api.MapPost("/", Add).WithSummary("Record a payment (CASH, MOBILE or BANK); delivery agents may record cash only.");
        api.MapGet("/", List).WithSummary("Payments by date range and customer, newest first; a Customer user sees only their own.");
        return app;
    }

    public static async Task<Created<Payment>> Add(AddPayment body, PaymentService payments, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Created((string?)null, await payments.AddAsync(user.ToActor(Channel.Api), body, ct));

    public static async Task<Ok<IReadOnlyList<Payment>>> List(PaymentService payments, ClaimsPrincipal user, CancellationToken ct,
        DateOnly? from = null, DateOnly? to = null, Guid? customerId = null, string? method = null, int limit = 500) =>
        TypedResults.Ok(await payments.ListAsync(user.ToActor(Channel.Api), new PaymentQuery(from, to, customerId, method, limit), ct));
}
