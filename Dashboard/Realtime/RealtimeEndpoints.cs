using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Common;
using Dashboard.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Realtime;

public sealed record RealtimeStatus(
    int Connections,
    IReadOnlyDictionary<string, int> ByTransport,
    IReadOnlyList<OnlineUser> UsersOnline,
    IReadOnlyDictionary<string, int> Rooms);

public sealed record OnlineUser(string UserId, string Name, string Role, int Connections, IReadOnlyList<string> Transports, DateTime Since);

public static class RealtimeEndpoints
{
    public static IEndpointRouteBuilder MapRealtimeEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/realtime").WithTags("Realtime").RequireAuthorization();
        api.MapGet("/status", Status).Requires(Operation.ReadRealtimeStatus).WithSummary("Connections by transport, users online, rooms with member counts (Admin).");
        api.MapGet("/connections", Connections).Requires(Operation.ReadRealtimeStatus)
            .WithSummary("Every open connection: transport, namespace, user, rooms (joined later too), page, since, last seen (Admin).");
        api.MapPost("/connections/{id}/disconnect", Disconnect).Requires(Operation.DisconnectRealtimeClients)
            .WithSummary("Closes one connection: Socket.IO disconnects the socket, SignalR aborts, a browser tab is signed out (Admin).");
        api.MapGet("/metrics", Metrics).Requires(Operation.ReadRealtimeStatus).WithSummary("Real-time events in and out by name, errors by code, connections and rooms with member counts, uptime (Admin).");
        return app;
    }

    public static Ok<RealtimeStatus> Status(ConnectionRegistry registry, ClaimsPrincipal user)
    {
        Guard.Require(user.ToActor(Channel.Api), Operation.ReadRealtimeStatus);
        var connections = registry.Snapshot();
        var users = OnlineUsers(connections);
        var byTransport = connections.GroupBy(c => c.Transport).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return TypedResults.Ok(new RealtimeStatus(connections.Count, byTransport, users, RoomCounts(connections)));
    }

    /// <summary>Each room with its member count, rooms joined after connecting included.</summary>
    public static SortedDictionary<string, int> RoomCounts(IReadOnlyList<RealtimeConnection> connections) =>
        new(connections.SelectMany(c => c.Rooms).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>One line per user, with every transport they are connected through (apps and browser tabs).</summary>
    public static IReadOnlyList<OnlineUser> OnlineUsers(IReadOnlyList<RealtimeConnection> connections) => connections.GroupBy(c => c.UserId)
        .Select(g => new OnlineUser(g.Key, g.First().UserName, g.First().Role, g.Count(),
            [.. g.Select(c => c.Transport).Distinct().Order(StringComparer.Ordinal)], g.Min(c => c.ConnectedAt)))
        .OrderBy(u => u.Name, StringComparer.Ordinal).ToList();

    public static Ok<IReadOnlyList<RealtimeConnection>> Connections(ConnectionRegistry registry, ClaimsPrincipal user)
    {
        Guard.Require(user.ToActor(Channel.Api), Operation.ReadRealtimeStatus);
        return TypedResults.Ok<IReadOnlyList<RealtimeConnection>>([.. registry.Snapshot().OrderBy(c => c.ConnectedAt)]);
    }

    public static Results<NoContent, ProblemHttpResult> Disconnect(string id, ConnectionRegistry registry, ClaimsPrincipal user)
    {
        Guard.Require(user.ToActor(Channel.Api), Operation.DisconnectRealtimeClients);
        return registry.Disconnect(id)
            ? TypedResults.NoContent()
            : TypedResults.Problem(ApiProblems.Create(ErrorCodes.NotFound, $"No open connection '{id}'."));
    }

    public static Ok<object> Metrics(RealtimeMetrics metrics, ConnectionRegistry registry, ClaimsPrincipal user)
    {
        Guard.Require(user.ToActor(Channel.Api), Operation.ReadRealtimeStatus);
        return TypedResults.Ok(metrics.Snapshot(registry.Snapshot()));
    }
}
