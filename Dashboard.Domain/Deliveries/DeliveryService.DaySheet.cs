using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Deliveries;

public sealed partial class DeliveryService
{
    public Task<DaySheet> DaySheetAsync(Actor actor, DateOnly date, CancellationToken ct = default)
    {
        var access = Guard.Require(actor, Operation.ReadDeliveries);
        BusinessDates.Readable("date", date);
        return writer.ReadAsync(async db =>
        {
            var rows = await Visible(db.DailyEntries.AsNoTracking(), actor, access).Where(e => e.Date == date)
                .Select(e => new { Entry = e, e.Customer!.Name, e.Customer.Route, e.Customer.Address, e.Customer.RouteOrder }).ToListAsync(ct);
            // By route, and within a route in delivery order (the route sheet's), then by name.
            var lines = rows.OrderBy(r => r.Route is null).ThenBy(r => r.Route, StringComparer.OrdinalIgnoreCase)
                .ThenBy(r => r.RouteOrder is null).ThenBy(r => r.RouteOrder).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
                .Select(r => new DaySheetLine(r.Entry.ToModel(r.Name), r.Route, r.Address)).ToList();
            var onSheet = rows.Select(r => r.Entry.CustomerId).ToHashSet();
            var active = (await db.Customers.AsNoTracking().Where(c => c.IsActive).ToListAsync(ct))
                .Where(c => access != Access.Route || actor.Serves(c.Route)).ToList();
            var missing = active.Where(c => !onSheet.Contains(c.Id))
                .OrderBy(c => c.Route is null).ThenBy(c => c.Route, StringComparer.OrdinalIgnoreCase)
                .ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
            var plans = await SubscriptionService.PlansAsync(db, missing, date, date, ct);
            return new DaySheet(date, lines, [.. missing.Select(c => c.ToModel())], missing.ToDictionary(c => c.Id, c => plans[c.Id].On(date)));
        }, ct);
    }

    /// <summary>
    /// The round is done: every pending entry of the route that day becomes delivered, in one transaction, with one
    /// activity row for the lot. Skipped and already delivered entries are left as they are.
    /// </summary>
    public Task<RouteDeliveredResult> MarkRouteDeliveredAsync(Actor actor, MarkRouteDelivered command, CancellationToken ct = default)
    {
        var access = Guard.Require(actor, Operation.RecordDeliveries);
        var v = new Validation();
        var date = v.Required("date", command.Date);
        if (command.Route is null)
        {
            v.Add("route", "route is required (\"\" for the customers without a route).");
        }

        var route = command.Route is null ? null : v.Text("route", command.Route, 50, required: false);
        if (date is { } d && d > clock.Today)
        {
            v.Add("date", "A delivery cannot be marked delivered on a future date.");
        }
        else
        {
            v.WritableDay("date", date, clock, daysAhead: 0);
        }

        v.ThrowIfInvalid();
        if (access == Access.Route && !actor.Serves(route))
        {
            throw DomainException.Forbidden(route is "" ? "Only staff handle the customers on no route." : $"Route {route} is not one of yours.");
        }

        return writer.WriteAsync(actor, async scope =>
        {
            var day = date!.Value;
            var query = scope.Db.DailyEntries.Include(e => e.Customer).Where(e => e.Date == day && e.Status == DeliveryStatus.Pending);
            var key = route!.ToLowerInvariant();
#pragma warning disable CA1862 // runs in the database as lower(), which EF Core translates; string.Equals with a comparison it does not
            query = route is "" ? query.Where(e => e.Customer!.Route == null) : query.Where(e => e.Customer!.Route!.ToLower() == key);
#pragma warning restore CA1862
            var pending = await query.ToListAsync(ct);
            var before = pending.ToDictionary(e => e.Id, e => e.ToModel(e.Customer!.Name));
            foreach (var entity in pending)
            {
                // A 0 L entry on the route was not delivered: the household took none.
                entity.Status = entity.Quantity == 0 ? DeliveryStatus.Skipped : DeliveryStatus.Delivered;
                entity.Amount = Money.Round(entity.Quantity * entity.PricePerLiter);
                entity.UpdatedBy = scope.Actor.Name;
                entity.UpdatedAt = scope.Now;
                entity.Version++;
            }

            await scope.Db.SaveChangesAsync(ct);
            var marked = pending.OrderBy(e => e.Customer!.Name, StringComparer.OrdinalIgnoreCase).ToList();
            var entries = marked.Select(e => e.ToModel(e.Customer!.Name)).ToList();
            foreach (var (entity, entry) in marked.Zip(entries))
            {
                scope.Raise(new DeliveryChanged(entry, Created: false, entity.Customer!.Route, before[entity.Id]));
                scope.Raise(new BalanceChanged(await CustomerService.BalanceOf(scope.Db, entry.CustomerId, ct)));
            }

            if (entries.Count > 0)
            {
                var name = route is "" ? "no route" : route;
                var liters = entries.Sum(e => e.Quantity);
                var skipped = entries.Count(e => e.Status == DeliveryStatus.Skipped);
                scope.Log("deliveries.route-delivered", "daysheet", $"{day:yyyy-MM-dd}/{route}",
                    $"Marked {scope.Words.Count(entries.Count - skipped, "delivery", "deliveries")} on {name} delivered for {scope.Words.Date(day)} ({scope.Words.Liters(liters)})"
                    + (skipped > 0 ? $"; {skipped} at 0 L skipped" : ""), null,
                    after: new { date = day, route, count = entries.Count, entries = entries.Select(e => e.Id) });
            }

            return new RouteDeliveredResult(day, route!, entries.Count, entries);
        }, ct);
    }
}
