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
        api.MapGet("/", List).Requires(Operation.ReadAgents)
            .WithSummary("The delivery agents with their routes, status, current order and last position, by name (Admin, Staff).");
        api.MapPut("/{id}/status", SetStatus).Requires(Operation.SetAgentStatus)
            .WithSummary("Set an agent's status {status: available | on_delivery | off_duty}: staff for anyone, an agent for themselves.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public sealed record StatusRequest(string? Status);

    public static async Task<Ok<Agent>> SetStatus(string id, StatusRequest body, AgentService agents, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await agents.SetStatusAsync(user.ToActor(Channel.Api), id, body.Status, ct));

    public static async Task<Ok<IReadOnlyList<Agent>>> List(AgentService agents, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await agents.ListAsync(user.ToActor(Channel.Api), ct));
}
