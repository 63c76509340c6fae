using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Common;
using Dashboard.Domain.Orders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Orders;

public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/orders").WithTags("Orders").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/", Place).Requires(Operation.PlaceOrders)
            .WithSummary("Place an order {customerId (staff only; a customer's token orders for itself), items: [{productId, quantity}], "
                + "deliveryDate? (default tomorrow), note?}: 201 with the order, its total at today's prices.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/", List).Requires(Operation.ReadOrders)
            .WithSummary("Orders newest first, by delivery date, status, customer or agent, a page at a time (a customer: their own; an agent: those assigned to them).")
            .ProducesValidationProblem();
        api.MapGet("/{id:guid}", Get).Requires(Operation.ReadOrders).WithSummary("One order with its items and timeline.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id:guid}/confirm", Confirm).Requires(Operation.ManageOrders)
            .WithSummary("placed → confirmed (Admin, Staff); from another status 409.").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/assign", Assign).Requires(Operation.ManageOrders)
            .WithSummary("Give a placed or confirmed order to a delivery agent {agentId} (Admin, Staff).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/out-for-delivery", OutForDelivery).Requires(Operation.DeliverOrders)
            .WithSummary("confirmed and assigned → out_for_delivery (its agent, or staff).").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/deliver", Deliver).Requires(Operation.DeliverOrders)
            .WithSummary("out_for_delivery → delivered (its agent, or staff): the order is billed to the customer.").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/{id:guid}/cancel", Cancel).Requires(Operation.CancelOrders)
            .WithSummary("Cancel with a reason {reason}: a customer their own while placed or confirmed, staff until it is delivered.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Created<Order>> Place(PlaceOrder body, OrderService orders, ClaimsPrincipal user, CancellationToken ct)
    {
        var order = await orders.PlaceAsync(user.ToActor(Channel.Api), body, ct);
        return TypedResults.Created($"/api/v1/orders/{order.Id}", order);
    }

    public static async Task<Ok<OrderPage>> List(OrderService orders, ClaimsPrincipal user, CancellationToken ct, DateOnly? date = null,
        string? status = null, Guid? customerId = null, string? agentId = null, int page = 1, int pageSize = 50) =>
        TypedResults.Ok(await orders.ListAsync(user.ToActor(Channel.Api), new OrderQuery(date, status, customerId, agentId, page, pageSize), ct));

    public static async Task<Ok<Order>> Get(Guid id, OrderService orders, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await orders.GetAsync(user.ToActor(Channel.Api), id, ct));

    public static async Task<Ok<Order>> Confirm(Guid id, OrderTransition? body, OrderService orders, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await orders.ConfirmAsync(user.ToActor(Channel.Api), id, body ?? new(), ct));

    public static async Task<Ok<Order>> Assign(Guid id, AssignOrder body, OrderService orders, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await orders.AssignAsync(user.ToActor(Channel.Api), id, body, ct));

    public static async Task<Ok<Order>> OutForDelivery(Guid id, OrderTransition? body, OrderService orders, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await orders.OutForDeliveryAsync(user.ToActor(Channel.Api), id, body ?? new(), ct));

    public static async Task<Ok<Order>> Deliver(Guid id, OrderTransition? body, OrderService orders, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await orders.DeliverAsync(user.ToActor(Channel.Api), id, body ?? new(), ct));

    public static async Task<Ok<Order>> Cancel(Guid id, CancelOrder body, OrderService orders, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await orders.CancelAsync(user.ToActor(Channel.Api), id, body, ct));
}
