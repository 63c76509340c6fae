using System.Collections.Concurrent;
using Dashboard.Domain.Common;
using Dashboard.Domain.Orders;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Agents;

/// <summary>A delivery agent as the office sees them: who, which routes, what they are doing, where they were last.</summary>
public sealed record Agent(string Id, string Name, string Email, IReadOnlyList<string> Routes, bool Disabled, AgentStatus Status,
    Guid? CurrentOrderId, AgentPosition? Position);

/// <summary>
/// The delivery agents (Delivery users): the list for assigning orders and the agents' overview, their status, and the
/// positions their apps send while out with an order — the last one kept per agent, a thinned track per order, no
/// activity row per point.
/// </summary>
public sealed class AgentService(DomainWriter writer, TimeProvider time)
{
    /// <summary>Positions closer together than this (per agent) are refused with RATE_LIMITED: an app sends one every few seconds.</summary>
    public static readonly TimeSpan MinPositionInterval = TimeSpan.FromMilliseconds(900);

    public const double TrackMinMeters = 50;

    public static readonly TimeSpan TrackMinInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, DateTime> _lastPosition = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<Agent>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadAgents);
        return writer.ReadAsync<IReadOnlyList<Agent>>(async db =>
        {
            var users = await AgentRoutes.Agents(db).AsNoTracking().Select(u => new { u.Id, u.DisplayName, u.Email, u.LockoutEnd }).ToListAsync(ct);
            var ids = users.Select(u => u.Id).ToList();
            var routes = (await db.AgentRoutes.AsNoTracking().Where(r => ids.Contains(r.UserId)).ToListAsync(ct))
                .ToLookup(r => r.UserId, r => r.Route, StringComparer.Ordinal);
            var states = await db.AgentStates.AsNoTracking().Where(s => ids.Contains(s.UserId)).ToDictionaryAsync(s => s.UserId, ct);
            return users.Select(u =>
                {
                    var state = states.GetValueOrDefault(u.Id);
                    return new Agent(u.Id, u.DisplayName, u.Email ?? "", [.. routes[u.Id].Order(StringComparer.OrdinalIgnoreCase)],
                        UserRules.IsDisabled(u.LockoutEnd), state?.Status ?? AgentStatus.OffDuty, state?.CurrentOrderId, PositionOf(state));
                })
                .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }, ct);
    }

    /// <summary>An agent says what they are doing (or staff say it for them).</summary>
    public Task<Agent> SetStatusAsync(Actor actor, string agentId, string? status, CancellationToken ct = default)
    {
        var access = Guard.Require(actor, Operation.SetAgentStatus);
        if (access == Access.Self && agentId != actor.UserId)
        {
            throw DomainException.Forbidden("You may only set your own status.");
        }

        var parsed = AgentStatuses.Parse(status);
        if (parsed is null)
        {
            new Validation().Add("status", "Status must be one of available, on_delivery, off_duty.").ThrowIfInvalid();
        }

        return writer.WriteAsync(actor, async scope =>
        {
            var name = await AgentNameAsync(scope.Db, agentId, ct);
            var state = await StateAsync(scope.Db, agentId, ct);
            var before = state.Status;
            state.Status = parsed!.Value;
            state.StatusAt = scope.Now;
            if (state.Status != AgentStatus.OnDelivery)
            {
                state.CurrentOrderId = null;
            }

            await scope.Db.SaveChangesAsync(ct);
            scope.Raise(new AgentStatusChanged(agentId, name, state.Status, state.CurrentOrderId));
            scope.Log("agent.status", "agent", agentId, $"{name}: {AgentStatuses.Name(before)} → {AgentStatuses.Name(state.Status)}", null);
            var routes = await AgentRoutes.OfAsync(scope.Db, agentId, ct);
            return new Agent(agentId, name, "", routes, false, state.Status, state.CurrentOrderId, PositionOf(state));
        }, ct);
    }

    /// <summary>
    /// Where the agent is, for the order they are out with: only its agent, only while it is out for delivery, a real
    /// latitude and longitude, at most one a second. Kept as the agent's last position; the order's track keeps a point
    /// every <see cref="TrackMinMeters"/> m or <see cref="TrackMinInterval"/>.
    /// </summary>
    public async Task<AgentPosition> RecordPositionAsync(Actor actor, Guid? orderId, double? latitude, double? longitude, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ShareLocation);
        var v = new Validation();
        v.Required("orderId", orderId);
        if (latitude is not { } lat || !double.IsFinite(lat) || lat is < -90 or > 90)
        {
            v.Add("latitude", "latitude must be a number between -90 and 90.");
        }

        if (longitude is not { } lng || !double.IsFinite(lng) || lng is < -180 or > 180)
        {
            v.Add("longitude", "longitude must be a number between -180 and 180.");
        }

        v.ThrowIfInvalid();
        var now = time.GetUtcNow().UtcDateTime;
        if (_lastPosition.TryGetValue(actor.UserId, out var last) && now - last < MinPositionInterval)
        {
            throw new DomainException(ErrorCodes.RateLimited, $"At most one position every {MinPositionInterval.TotalSeconds:0.#} s.");
        }

        _lastPosition[actor.UserId] = now;
        return await writer.WriteAsync(actor, async scope =>
        {
            var order = await scope.Db.Orders.FirstOrDefaultAsync(o => o.Id == orderId, ct) ?? throw DomainException.NotFound("Order", orderId!.Value);
            if (order.AgentId != actor.UserId)
            {
                throw DomainException.Forbidden("This order is not assigned to you.");
            }

            if (order.Status != OrderStatus.OutForDelivery)
            {
                throw DomainException.Conflict($"Order #{order.Number} is not out for delivery: positions are shared only on the way.");
            }

            var position = new AgentPosition(latitude!.Value, longitude!.Value, scope.Now);
            var state = await StateAsync(scope.Db, actor.UserId, ct);
            (state.Latitude, state.Longitude, state.PositionAt, state.CurrentOrderId) = (position.Latitude, position.Longitude, position.At, order.Id);
            var kept = await scope.Db.OrderTrackPoints.Where(p => p.OrderId == order.Id).OrderByDescending(p => p.Id).FirstOrDefaultAsync(ct);
            if (kept is null || position.At - kept.At >= TrackMinInterval
                || Meters(kept.Latitude, kept.Longitude, position.Latitude, position.Longitude) >= TrackMinMeters)
            {
                scope.Db.OrderTrackPoints.Add(new OrderTrackPointEntity
                {
                    OrderId = order.Id, AgentId = actor.UserId, Latitude = position.Latitude, Longitude = position.Longitude, At = position.At,
                });
            }

            await scope.Db.SaveChangesAsync(ct);
            scope.Raise(new AgentPositionChanged(actor.UserId, order.Id, order.CustomerId, position));
            return position;
        }, ct);
    }

    /// <summary>The thinned track of one order's trip, oldest first (whoever may read the order).</summary>
    public Task<IReadOnlyList<AgentPosition>> TrackAsync(Actor actor, Guid orderId, CancellationToken ct = default) =>
        writer.ReadAsync<IReadOnlyList<AgentPosition>>(async db =>
            (await db.OrderTrackPoints.AsNoTracking().Where(p => p.OrderId == orderId).OrderBy(p => p.Id).ToListAsync(ct))
                .Select(p => new AgentPosition(p.Latitude, p.Longitude, p.At)).ToList(), ct);

    /// <summary>An order went out, or came back (delivered, cancelled): its agent's status follows, in the same write.</summary>
    internal static async Task<AgentStatusChanged> FollowOrderAsync(DashboardDbContext db, string agentId, string agentName, Guid? orderId,
        DateTime now, CancellationToken ct)
    {
        var state = await StateAsync(db, agentId, ct);
        state.Status = orderId is null ? AgentStatus.Available : AgentStatus.OnDelivery;
        state.CurrentOrderId = orderId;
        state.StatusAt = now;
        return new AgentStatusChanged(agentId, agentName, state.Status, orderId);
    }

    private static async Task<AgentStateEntity> StateAsync(DashboardDbContext db, string agentId, CancellationToken ct)
    {
        var state = await db.AgentStates.FirstOrDefaultAsync(s => s.UserId == agentId, ct);
        if (state is null)
        {
            state = new AgentStateEntity { UserId = agentId, Status = AgentStatus.OffDuty };
            db.AgentStates.Add(state);
        }

        return state;
    }

    private static async Task<string> AgentNameAsync(DashboardDbContext db, string agentId, CancellationToken ct) =>
        await AgentRoutes.Agents(db).Where(u => u.Id == agentId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct)
        ?? throw DomainException.NotFound("Delivery agent", agentId);

    private static AgentPosition? PositionOf(AgentStateEntity? state) =>
        state is { Latitude: { } lat, Longitude: { } lng, PositionAt: { } at } ? new AgentPosition(lat, lng, at) : null;

    /// <summary>Great-circle distance in meters (haversine): plenty for thinning a track.</summary>
    internal static double Meters(double lat1, double lng1, double lat2, double lng2)
    {
        const double R = 6_371_000;
        var dLat = double.DegreesToRadians(lat2 - lat1);
        var dLng = double.DegreesToRadians(lng2 - lng1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(double.DegreesToRadians(lat1)) * Math.Cos(double.DegreesToRadians(lat2)) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2));
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
