using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Deliveries;

public sealed partial class DeliveryService
{
    public const int MaxRouteCustomers = 2_000;

    /// <summary>
    /// A route's sheet for a day and shift: who is on the day's sheet (with what was recorded), who the subscriptions
    /// bring that the sheet does not have yet, and who is away (paused) — in delivery order. An agent: their routes only.
    /// </summary>
    public Task<RouteSheet> RouteSheetAsync(Actor actor, DateOnly date, string? route, Shift? shift, CancellationToken ct = default)
    {
        var access = Guard.Require(actor, Operation.ReadDeliveries);
        var v = new Validation();
        v.ReadableDay("date", date);
        var name = route is null ? null : v.Text("route", route, 50, required: false);
        if (route is null)
        {
            v.Add("route", "route is required (\"\" for the customers without a route).");
        }

        v.ThrowIfInvalid();
        if (access == Access.Route && !actor.Serves(name))
        {
            throw DomainException.Forbidden(name is "" ? "Only staff handle the customers on no route." : $"Route {name} is not one of yours.");
        }

        return writer.ReadAsync(async db =>
        {
            var customers = await OnRoute(db.Customers.AsNoTracking(), name!).ToListAsync(ct);
            var ids = customers.Select(c => c.Id).ToList();
            var entries = await db.DailyEntries.AsNoTracking().Where(e => e.Date == date && ids.Contains(e.CustomerId)).ToDictionaryAsync(e => e.CustomerId, ct);
            var plans = await SubscriptionService.PlansAsync(db, customers, date, date, ct);
            var lines = new List<RouteSheetLine>();
            foreach (var c in InDeliveryOrder(customers))
            {
                if (shift is { } wanted && (plans[c.Id].Schedule?.Shift ?? Shift.Morning) != wanted)
                {
                    continue;
                }

                var plan = plans[c.Id].On(date);
                var entry = entries.GetValueOrDefault(c.Id);
                if (entry is null && plan.Kind is not (PlanKind.Delivery or PlanKind.Paused) || entry is null && !c.IsActive)
                {
                    continue;
                }

                var quantity = entry is { Status: not DeliveryStatus.Skipped } ? entry.Quantity : entry is null && plan.Kind == PlanKind.Delivery ? plan.Quantity : 0;
                lines.Add(new RouteSheetLine(lines.Count + 1, c.Id, c.Name, c.Phone, c.Address, c.Note, quantity, entry?.Status, entry?.Id, plan.Kind, plan.Pause));
            }

            return new RouteSheet(date, name!, shift, lines);
        }, ct);
    }

    /// <summary>Puts a route in delivery order: the route sheet, and the day sheet within the route, follow it.</summary>
    public Task<IReadOnlyList<Customer>> OrderRouteAsync(Actor actor, OrderRoute command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageCustomers);
        var v = new Validation();
        var route = v.Text("route", command.Route, 50, required: true);
        var ids = command.CustomerIds ?? [];
        if (ids.Count == 0)
        {
            v.Add("customerIds", "Give the route's customers in the order they are delivered.");
        }
        else if (ids.Count > MaxRouteCustomers || ids.Distinct().Count() != ids.Count)
        {
            v.Add("customerIds", $"Give each customer once, at most {MaxRouteCustomers}.");
        }

        v.ThrowIfInvalid();
        return writer.WriteAsync<IReadOnlyList<Customer>>(actor, async scope =>
        {
            var customers = await OnRoute(scope.Db.Customers, route!).ToListAsync(ct);
            var strangers = ids.Except(customers.Select(c => c.Id)).ToList();
            if (strangers.Count > 0)
            {
                throw new DomainException(ErrorCodes.ValidationFailed, $"{strangers.Count} of the customers given are not on route {route}.",
                    new Dictionary<string, string[]> { ["customerIds"] = [$"Not on route {route}: {string.Join(", ", strangers.Take(5))}."] });
            }

            var position = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => (int?)x.i + 1);
            var changed = new List<CustomerEntity>();
            foreach (var c in customers)
            {
                var order = position.GetValueOrDefault(c.Id);
                if (c.RouteOrder != order)
                {
                    (c.RouteOrder, c.UpdatedAt) = (order, scope.Now);
                    c.Version++;
                    changed.Add(c);
                }
            }

            await scope.Db.SaveChangesAsync(ct);
            foreach (var c in changed)
            {
                scope.Raise(new CustomerChanged(c.ToModel(), Created: false));
            }

            if (changed.Count > 0)
            {
                scope.Log("route.ordered", "route", route!, $"Put route {route} in delivery order ({scope.Words.Count(ids.Count, "customer", "customers")})", null,
                    after: new { route, customerIds = ids });
            }

            return [.. InDeliveryOrder(customers).Select(c => c.ToModel())];
        }, ct);
    }

    /// <summary>Delivery order: the ordered ones first, then by name.</summary>
    public static IEnumerable<CustomerEntity> InDeliveryOrder(IEnumerable<CustomerEntity> customers) =>
        customers.OrderBy(c => c.RouteOrder is null).ThenBy(c => c.RouteOrder).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase);

    private static IQueryable<CustomerEntity> OnRoute(IQueryable<CustomerEntity> customers, string route)
    {
        var key = route.ToLowerInvariant();
#pragma warning disable CA1862 // runs in the database as lower(), which EF Core translates; string.Equals with a comparison it does not
        return route is "" ? customers.Where(c => c.Route == null) : customers.Where(c => c.Route!.ToLower() == key);
#pragma warning restore CA1862
    }
}
