using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Common;
using Dashboard.Domain.Stock;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Stock;

public static class StockEndpoints
{
    public static IEndpointRouteBuilder MapStockEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/stock").WithTags("Stock").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/", List).Requires(Operation.ReadStock)
            .WithSummary("Every product's stock on hand by name, with its minimum and severity (critical, high, medium; null: not low) (Admin, Staff).");
        api.MapGet("/movements", History).Requires(Operation.ReadStock)
            .WithSummary("The latest stock movements, newest first (receipts, adjustments, deliveries, orders), of one product with productId; limit ≤ 500.");
        api.MapPost("/receipts", Receive).Requires(Operation.RecordStock)
            .WithSummary("Book stock received {productId, quantity > 0, supplier?, cost?}: 201 with the movement and the level it left.")
            .ProducesValidationProblem();
        api.MapPost("/adjustments", Adjust).Requires(Operation.RecordStock)
            .WithSummary("Correct stock {productId, quantity (negative removes), reason}; one that would take stock below zero is 400 on quantity.")
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Ok<IReadOnlyList<StockLevel>>> List(StockService stock, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await stock.ListAsync(user.ToActor(Channel.Api), ct));

    public static async Task<Ok<IReadOnlyList<StockMovement>>> History(StockService stock, ClaimsPrincipal user, CancellationToken ct,
        Guid? productId = null, int limit = 100) =>
        TypedResults.Ok(await stock.HistoryAsync(user.ToActor(Channel.Api), productId, limit, ct));

    public static async Task<Created<StockResult>> Receive(RecordReceipt body, StockService stock, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await stock.ReceiveAsync(user.ToActor(Channel.Api), body, ct);
        return TypedResults.Created($"/api/v1/stock/movements?productId={result.Movement.ProductId}", result);
    }

    public static async Task<Created<StockResult>> Adjust(RecordAdjustment body, StockService stock, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await stock.AdjustAsync(user.ToActor(Channel.Api), body, ct);
        return TypedResults.Created($"/api/v1/stock/movements?productId={result.Movement.ProductId}", result);
    }
}
