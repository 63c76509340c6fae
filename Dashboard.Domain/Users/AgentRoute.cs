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
    /// <summary>An agent's routes, in name order (what their sign-in carries).</summary>
    public static async Task<IReadOnlyList<string>> OfAsync(DashboardDbContext db, string userId, CancellationToken ct = default) =>
        await db.AgentRoutes.AsNoTracking().Where(r => r.UserId == userId).Select(r => r.Route).OrderBy(r => r).ToListAsync(ct);
}
