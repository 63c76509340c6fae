using Dashboard.Domain.Common;

namespace Dashboard.Realtime;

/// <summary>
/// Room names (the seeds' <c>user:{id}</c> and <c>role:{role}</c>, lower-case roles as the apps send them) and which
/// rooms a connection joins. The same names on every transport.
/// </summary>
public static class Rooms
{
    public static readonly IReadOnlyList<string> Staff = [Role(Roles.Admin), Role(Roles.Staff)];

    public static string User(string userId) => $"user:{userId}";

    public static string Role(string role) => $"role:{role.ToLowerInvariant()}";

    /// <summary>Every connection of the users linked to one customer: where that customer's own events go.</summary>
    public static string Customer(Guid customerId) => $"customer:{customerId}";

    public static IReadOnlyList<string> For(Actor actor)
    {
        var rooms = new List<string> { User(actor.UserId), Role(actor.Role) };
        if (actor is { Role: Roles.Customer, CustomerId: { } customerId })
        {
            rooms.Add(Customer(customerId));
        }

        return rooms;
    }
}
