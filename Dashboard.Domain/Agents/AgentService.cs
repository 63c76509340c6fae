using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Agents;

/// <summary>A delivery agent as the office sees them: who, which routes, whether they may work.</summary>
public sealed record Agent(string Id, string Name, string Email, IReadOnlyList<string> Routes, bool Disabled);

/// <summary>The delivery agents (Delivery users), for assigning orders and the agents' overview.</summary>
public sealed class AgentService(DomainWriter writer)
{
    public Task<IReadOnlyList<Agent>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadAgents);
        return writer.ReadAsync<IReadOnlyList<Agent>>(async db =>
        {
            var users = await (from u in db.Users.AsNoTracking()
                               join ur in db.UserRoles on u.Id equals ur.UserId
                               join r in db.Roles on ur.RoleId equals r.Id
                               where r.Name == Roles.Delivery
                               select new { u.Id, u.DisplayName, u.Email, u.LockoutEnd }).ToListAsync(ct);
            var ids = users.Select(u => u.Id).ToList();
            var routes = (await db.AgentRoutes.AsNoTracking().Where(r => ids.Contains(r.UserId)).ToListAsync(ct))
                .ToLookup(r => r.UserId, r => r.Route, StringComparer.Ordinal);
            return users.Select(u => new Agent(u.Id, u.DisplayName, u.Email ?? "", [.. routes[u.Id].Order(StringComparer.OrdinalIgnoreCase)],
                    UserRules.IsDisabled(u.LockoutEnd)))
                .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }, ct);
    }
}
