using Dashboard.Domain.DeliveryRoutes;
using Dashboard.Realtime;

namespace Dashboard.DeliveryRoutes;

/// <summary><c>route:updated</c> {id, name, previousName, removed}: the list of routes changed (owner's app, dashboards).</summary>
public sealed record RouteUpdatedMessage(int Id, string Name, string? PreviousName, bool Removed);

/// <summary>
/// The routes are the business's own list: a route added, renamed or removed reaches admins and staff. Agents learn of
/// a rename by signing in again (their routes changed) and customers through <c>customer:updated</c>.
/// </summary>
public sealed class RouteRealtime : IRealtimeFeature
{
    public const string Updated = "route:updated";

    public void Declare(RealtimeCatalogBuilder catalog) =>
        catalog.Event<RouteChanged>(Updated, e => new RouteUpdatedMessage(e.Id, e.Name, e.PreviousName, e.Removed), _ => Rooms.Staff);
}
