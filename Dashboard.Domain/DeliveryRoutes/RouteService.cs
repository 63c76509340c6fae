using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.DeliveryRoutes;

/// <summary>The business's routes: listed with who is on them, added, renamed (customers and agents follow) and removed when empty.</summary>
public sealed class RouteService(DomainWriter writer)
{
    /// <summary>Every route by name; an agent sees only theirs.</summary>
    public Task<IReadOnlyList<DeliveryRoute>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        var access = Guard.Require(actor, Operation.ReadDeliveries);
        return writer.ReadAsync<IReadOnlyList<DeliveryRoute>>(async db =>
        {
            var routes = (await db.Routes.AsNoTracking().OrderBy(r => r.NormalizedName).ToListAsync(ct))
                .Where(r => access != Access.Route || actor.Serves(r.Name)).ToList();
            return await DescribeAsync(db, routes, ct);
        }, ct);
    }

    public Task<DeliveryRoute> CreateAsync(Actor actor, CreateRoute command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageRoutes);
        var name = ValidName(command.Name);
        return writer.WriteAsync(actor, async scope =>
        {
            var entity = new RouteEntity { Name = name, NormalizedName = RouteEntity.Normalize(name), CreatedAt = scope.Now };
            await EnsureFreeAsync(scope, entity, ct);
            scope.Db.Routes.Add(entity);
            await SaveAsync(scope, entity, ct);
            var route = new DeliveryRoute(entity.Id, entity.Name, 0, 0, []);
            scope.Raise(new RouteChanged(entity.Id, entity.Name, null, Removed: false));
            scope.Log("route.created", "route", entity.Id, $"Added route {entity.Name}", null, after: route);
            return route;
        }, ct);
    }

    /// <summary>
    /// A new name for a route (a typo mended, an area renamed): its customers and agents move with it, each customer
    /// announced as changed (its agents' apps hear it), and the route's agents sign in again, as after any change of
    /// their routes.
    /// </summary>
    public Task<DeliveryRoute> RenameAsync(Actor actor, int id, RenameRoute command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageRoutes);
        var name = ValidName(command.Name);
        return writer.WriteAsync(actor, async scope =>
        {
            var entity = await scope.Db.Routes.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw NotFound(id);
            var previous = entity.Name;
            if (previous == name)
            {
                return await OneAsync(scope, entity, ct);
            }

            entity.Name = name;
            entity.NormalizedName = RouteEntity.Normalize(name);
            await EnsureFreeAsync(scope, entity, ct);
            await SaveAsync(scope, entity, ct);

            var customers = await scope.Db.Customers.Where(c => c.Route == previous).ToListAsync(ct);
            foreach (var customer in customers)
            {
                customer.Route = name;
                customer.UpdatedAt = scope.Now;
                customer.Version++;
            }

            await scope.Db.SaveChangesAsync(ct);
            foreach (var customer in customers)
            {
                scope.Raise(new CustomerChanged(customer.ToModel(), Created: false, previous));
            }

            var agentIds = await scope.Db.AgentRoutes.Where(r => r.Route == previous).Select(r => r.UserId).ToListAsync(ct);
            if (agentIds.Count > 0)
            {
                await scope.Db.AgentRoutes.Where(r => r.Route == previous).ExecuteUpdateAsync(s => s.SetProperty(r => r.Route, name), ct);
                // Their sign-ins name the old route: renewing the stamp sends them to sign in again with the new one.
                foreach (var agentId in agentIds)
                {
                    var (stamp, concurrency) = (Guid.NewGuid().ToString("N").ToUpperInvariant(), Guid.NewGuid().ToString());
                    await scope.Db.Users.Where(u => u.Id == agentId).ExecuteUpdateAsync(s => s
                        .SetProperty(u => u.SecurityStamp, stamp).SetProperty(u => u.ConcurrencyStamp, concurrency), ct);
                }
                foreach (var user in await UserService.SummariesAsync(scope.Db, agentIds, scope.Now, ct))
                {
                    scope.Raise(new UserChanged(user));
                }
            }

            var route = await OneAsync(scope, entity, ct);
            scope.Raise(new RouteChanged(entity.Id, entity.Name, previous, Removed: false));
            scope.Log("route.renamed", "route", entity.Id, $"Renamed route {previous} to {entity.Name}"
                + (customers.Count > 0 ? $" ({scope.Words.Count(customers.Count, "customer", "customers")} moved with it)" : ""), null, after: route);
            return route;
        }, ct);
    }

    /// <summary>Removes a route nobody is on; otherwise 409 naming who still is.</summary>
    public Task DeleteAsync(Actor actor, int id, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageRoutes);
        return writer.WriteAsync(actor, async scope =>
        {
            var entity = await scope.Db.Routes.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw NotFound(id);
            var route = await OneAsync(scope, entity, ct);
            if (route.Customers > 0 || route.Agents.Count > 0)
            {
                var who = new List<string>();
                if (route.Customers > 0)
                {
                    who.Add($"{route.Customers} {(route.Customers == 1 ? "customer" : "customers")}");
                }

                if (route.Agents.Count > 0)
                {
                    who.Add($"{(route.Agents.Count == 1 ? "agent" : "agents")} {string.Join(", ", route.Agents)}");
                }

                throw DomainException.Conflict($"Route {entity.Name} still has {string.Join(" and ", who)}: move them to another route first.");
            }

            scope.Db.Routes.Remove(entity);
            await scope.Db.SaveChangesAsync(ct);
            scope.Raise(new RouteChanged(entity.Id, entity.Name, null, Removed: true));
            scope.Log("route.removed", "route", entity.Id, $"Removed route {entity.Name}", null, before: route);
            return true;
        }, ct);
    }

    private static async Task<DeliveryRoute> OneAsync(WriteScope scope, RouteEntity entity, CancellationToken ct) =>
        (await DescribeAsync(scope.Db, [entity], ct))[0];

    /// <summary>
    /// Each route with its customers (all, active) and agents. Customers and agents hold the route's name as the list
    /// writes it (every write resolves it, and migration 0020 rewrote the older rows), so names compare exactly.
    /// </summary>
    private static async Task<List<DeliveryRoute>> DescribeAsync(Persistence.DashboardDbContext db, IReadOnlyList<RouteEntity> routes, CancellationToken ct)
    {
        var names = routes.Select(r => r.Name).ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => c.Route != null && names.Contains(c.Route))
            .GroupBy(c => c.Route!).Select(g => new { Route = g.Key, All = g.Count(), Active = g.Count(c => c.IsActive) })
            .ToDictionaryAsync(c => c.Route, StringComparer.Ordinal, ct);
        var agents = (await (from r in db.AgentRoutes.AsNoTracking()
                             join u in db.Users.AsNoTracking() on r.UserId equals u.Id
                             where names.Contains(r.Route)
                             select new { r.Route, Name = u.DisplayName ?? u.Email ?? u.Id }).ToListAsync(ct))
            .ToLookup(a => a.Route, a => a.Name, StringComparer.Ordinal);
        return [.. routes.Select(r => new DeliveryRoute(r.Id, r.Name, customers.GetValueOrDefault(r.Name)?.All ?? 0,
            customers.GetValueOrDefault(r.Name)?.Active ?? 0, [.. agents[r.Name].Order(StringComparer.OrdinalIgnoreCase)]))];
    }

    private static string ValidName(string? name)
    {
        var v = new Validation();
        var valid = v.Text("name", name, RouteNames.MaxLength, required: true);
        v.ThrowIfInvalid();
        return string.Join(' ', valid!.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task EnsureFreeAsync(WriteScope scope, RouteEntity entity, CancellationToken ct)
    {
        if (await scope.Db.Routes.AnyAsync(r => r.NormalizedName == entity.NormalizedName && r.Id != entity.Id, ct))
        {
            throw Taken(entity.Name);
        }
    }

    private static async Task SaveAsync(WriteScope scope, RouteEntity entity, CancellationToken ct)
    {
        try
        {
            await scope.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw Taken(entity.Name); // the unique index: taken between our check and our write
        }
    }

    private static DomainException Taken(string name) =>
        DomainException.Conflict($"There is already a route named {name}; route names are unique, whatever their case or spacing.");

    private static DomainException NotFound(int id) => new(ErrorCodes.NotFound, $"Route {id} was not found.");
}
