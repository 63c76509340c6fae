using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Subscriptions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Deliveries;

public static class DeliveryEndpoints
{
    public static IEndpointRouteBuilder MapDeliveryEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/deliveries").WithTags("Deliveries").RequireAuthorization();
        api.MapPost("/", Record).Requires(Operation.RecordDeliveries).WithSummary(
            "Record a delivery (status defaults to delivered, price to the customer's; only staff set a price). A customer has "
            + "one entry a day: recording again updates it (200) instead of creating one (201); an entry already delivered or "
            + "skipped changes only with its version (409 otherwise).");
        api.MapGet("/", List).Requires(Operation.ReadDeliveries).WithSummary("The entries of one day (default: today in the business's time zone).");
        api.MapGet("/{id:guid}", Get).Requires(Operation.ReadDeliveries).WithSummary("One entry.");
        api.MapPatch("/{id:guid}", Update).Requires(Operation.RecordDeliveries).WithSummary("Change quantity, status or (staff only) price of an entry; with version, 409 if it changed since.");
        api.MapPost("/generate", Generate).Requires(Operation.PrepareDaySheet).WithSummary("Prepare a day's sheet from the active customers' defaults (idempotent).");
        api.MapPost("/mark-delivered", MarkRouteDelivered).Requires(Operation.RecordDeliveries).WithSummary(
            "Mark every pending entry of one route on one day delivered, in one transaction (route \"\" = customers without a route).");
        api.MapGet("/route-sheet", RouteSheet).Requires(Operation.ReadDeliveries).WithSummary(
            "One route's round for a day (default today) and shift (morning|evening; both when absent), in delivery order: who is on the day sheet, "
            + "who the subscriptions bring that it does not have yet, who is away; route \"\" = customers without a route. An agent: their routes only.")
            .ProducesValidationProblem();
        api.MapPut("/route-order", OrderRoute).Requires(Operation.ManageCustomers).WithSummary(
            "Put a route in delivery order {route, customerIds: first to last}; the route sheet and the day sheet follow it.")
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Created<DailyEntry>, Ok<DailyEntry>>> Record(RecordDelivery body, DeliveryService deliveries,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await deliveries.RecordAsync(user.ToActor(Channel.Api), body, ct);
        return result.Created
            ? TypedResults.Created($"/api/v1/deliveries/{result.Entry.Id}", result.Entry)
            : TypedResults.Ok(result.Entry);
    }

    public static async Task<Ok<IReadOnlyList<DailyEntry>>> List(DeliveryService deliveries, BusinessClock clock, ClaimsPrincipal user,
        CancellationToken ct, DateOnly? date = null) =>
        TypedResults.Ok(await deliveries.ListAsync(user.ToActor(Channel.Api), date ?? clock.Today, ct));

    public static async Task<Ok<DailyEntry>> Get(Guid id, DeliveryService deliveries, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await deliveries.GetAsync(user.ToActor(Channel.Api), id, ct));

    public static async Task<Ok<DailyEntry>> Update(Guid id, UpdateDelivery body, DeliveryService deliveries, ClaimsPrincipal user,
        CancellationToken ct) =>
        TypedResults.Ok(await deliveries.UpdateAsync(user.ToActor(Channel.Api), id, body, ct));

    public static async Task<Ok<DaySheetResult>> Generate(GenerateDaySheet body, DeliveryService deliveries, ClaimsPrincipal user,
        CancellationToken ct) =>
        TypedResults.Ok(await deliveries.GenerateAsync(user.ToActor(Channel.Api), body, ct));

    public static async Task<Ok<RouteDeliveredResult>> MarkRouteDelivered(MarkRouteDelivered body, DeliveryService deliveries, ClaimsPrincipal user,
        CancellationToken ct) =>
        TypedResults.Ok(await deliveries.MarkRouteDeliveredAsync(user.ToActor(Channel.Api), body, ct));

    public static async Task<Ok<RouteSheet>> RouteSheet(DeliveryService deliveries, BusinessClock clock, ClaimsPrincipal user, CancellationToken ct,
        string? route = null, DateOnly? date = null, string? shift = null)
    {
        Shift? wanted = shift?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "morning" => Shift.Morning,
            "evening" => Shift.Evening,
            _ => throw new DomainException(ErrorCodes.ValidationFailed, "Shift must be morning or evening.",
                new Dictionary<string, string[]> { ["shift"] = ["Shift must be morning or evening."] }),
        };
        return TypedResults.Ok(await deliveries.RouteSheetAsync(user.ToActor(Channel.Api), date ?? clock.Today, route, wanted, ct));
    }

    public static async Task<Ok<IReadOnlyList<Customer>>> OrderRoute(OrderRoute body, DeliveryService deliveries, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await deliveries.OrderRouteAsync(user.ToActor(Channel.Api), body, ct));
}
