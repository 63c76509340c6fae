using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Common;
using Dashboard.Domain.DeliveryRoutes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.DeliveryRoutes;

public static class RouteEndpoints
{
    public static IEndpointRouteBuilder MapRouteEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/routes").WithTags("Routes").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/", List).Requires(Operation.ReadDeliveries)
            .WithSummary("The business's routes by name, with how many customers (all, active) and which agents are on each; an agent gets their own.");
        api.MapPost("/", Create).Requires(Operation.ManageRoutes)
            .WithSummary("Add a route {name}; a name already taken, whatever its case or spacing, is 409. Customers and agents can only be put on listed routes.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{id:int}", Rename).Requires(Operation.ManageRoutes)
            .WithSummary("Rename a route {name}: its customers and agents move with it (the agents sign in again); a name taken is 409.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/{id:int}", Delete).Requires(Operation.ManageRoutes)
            .WithSummary("Remove a route nobody is on; one with customers or agents is 409, naming them.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<DeliveryRoute>>> List(RouteService routes, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await routes.ListAsync(user.ToActor(Channel.Api), ct));

    public static async Task<Created<DeliveryRoute>> Create(CreateRoute body, RouteService routes, ClaimsPrincipal user, CancellationToken ct)
    {
        var route = await routes.CreateAsync(user.ToActor(Channel.Api), body, ct);
        return TypedResults.Created($"/api/v1/routes/{route.Id}", route);
    }

    public static async Task<Ok<DeliveryRoute>> Rename(int id, RenameRoute body, RouteService routes, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await routes.RenameAsync(user.ToActor(Channel.Api), id, body, ct));

    public static async Task<NoContent> Delete(int id, RouteService routes, ClaimsPrincipal user, CancellationToken ct)
    {
        await routes.DeleteAsync(user.ToActor(Channel.Api), id, ct);
        return TypedResults.NoContent();
    }
}
