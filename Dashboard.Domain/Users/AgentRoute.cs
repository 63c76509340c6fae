using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Users;

/// <summary>
/// One route a delivery agent serves. An agent sees and writes the day-sheet entries, and the cash, of the customers on
/// their routes only (matched without regard to case); a Delivery user with no route sees none.
/// </summary>
public sealed class AgentRouteEntity
{
    public string UserId { get; set; } = "";

    /// <summary>As typed by the admin (trimmed); compared with customers' routes case-insensitively.</summary>
    public string Route { get; set; } = "";
}

public static class AgentRoutes
{
    /// <summary>The Delivery users, the one query for "who is an agent" (assigning orders, the agents' list, their status).</summary>
    public static IQueryable<AppUser> Agents(DashboardDbContext db) =>
        from u in db.Users
        join ur in db.UserRoles on u.Id equals ur.UserId
        join r in db.Roles on ur.RoleId equals r.Id
        where r.Name == Common.Roles.Delivery
        select u;

    /// <summary>An agent's routes, in name order (what their sign-in carries).</summary>
    public static async Task<IReadOnlyList<string>> OfAsync(DashboardDbContext db, string userId, CancellationToken ct = default) =>
        await db.AgentRoutes.AsNoTracking().Where(r => r.UserId == userId).Select(r => r.Route).OrderBy(r => r).ToListAsync(ct);
}
