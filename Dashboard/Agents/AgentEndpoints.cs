using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Agents;
using Dashboard.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Agents;

public static class AgentEndpoints
{
    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/agents").WithTags("Agents").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/", List).Requires(Operation.ReadAgents).WithSummary("The delivery agents with their routes, by name (Admin, Staff).");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<Agent>>> List(AgentService agents, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await agents.ListAsync(user.ToActor(Channel.Api), ct));
}
