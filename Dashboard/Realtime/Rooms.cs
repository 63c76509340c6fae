using Dashboard.Domain.Common;

namespace Dashboard.Realtime;

/// <summary>
/// Room names (the seeds' <c>user:{id}</c> and <c>role:{role}</c>, lower-case roles as the apps send them) and which
/// rooms a connection joins. The same names on every transport.
/// </summary>
public static class Rooms
{
    public static readonly IReadOnlyList<string> Staff = [Role(Roles.Admin), Role(Roles.Staff)];

    /// <summary>Every signed-in connection, whatever its role: for what the whole business may know (the catalog, open or closed).</summary>
    public static readonly IReadOnlyList<string> EveryRole = [.. Roles.All.Select(Role)];

    public static string User(string userId) => $"user:{userId}";

    public static string Role(string role) => $"role:{role.ToLowerInvariant()}";

    /// <summary>Every connection of the users linked to one customer: where that customer's own events go.</summary>
    public static string Customer(Guid customerId) => $"customer:{customerId}";

    /// <summary>The agents of one route: where that route's deliveries and customer changes go (lower-case, as routes match).</summary>
    public static string Route(string route) => $"route:{route.Trim().ToLowerInvariant()}";

    /// <summary>The route rooms an event about a customer on <paramref name="route"/> reaches: none for a customer on no route.</summary>
    public static IEnumerable<string> RouteOf(string? route) => string.IsNullOrWhiteSpace(route) ? [] : [Route(route)];

    /// <summary>An order's tracking room (seed 001's <c>join:order</c>).</summary>
    public static string Order(string orderId) => $"order:{orderId}";

    /// <summary>
    /// Seed 004's room for the admin dashboard's live figures (<c>live-users-update</c>): a staff app that shows them joins
    /// it with <c>join-room</c>; no one else may (it is nobody's own room).
    /// </summary>
    public const string AdminDashboard = "admin-dashboard";

    /// <summary>Longest room name a client may ask for.</summary>
    public const int MaxNameLength = 100;

    /// <summary>
    /// Whether a client may join a room it asked for: staff may join any room; anyone else only the rooms that are
    /// theirs already (their user, role, customer and route rooms). A feature may let others into its
    /// rooms (an order's customer and agent into <c>order:{id}</c>): see <see cref="RealtimeCatalogBuilder.RoomGuard"/>.
    /// </summary>
    public static bool MayJoin(Actor actor, string room) => actor.IsStaff || For(actor).Contains(room, StringComparer.Ordinal);

    public static IReadOnlyList<string> For(Actor actor)
    {
        var rooms = new List<string> { User(actor.UserId), Role(actor.Role) };
        if (actor is { Role: Roles.Customer, CustomerId: { } customerId })
        {
            rooms.Add(Customer(customerId));
        }

        if (actor.Role == Roles.Delivery)
        {
            rooms.AddRange(actor.RouteKeys.Distinct().Select(Route));
        }

        return rooms;
    }
}
