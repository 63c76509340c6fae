using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Deliveries;

public sealed partial class DeliveryService(DomainWriter writer, BusinessClock clock, QuantityRules quantities)
{
    /// <summary>How far ahead a day sheet may be prepared.</summary>
    public const int MaxDaysAhead = 7;

    /// <summary>
    /// Records what was delivered to a customer on a day. A customer has one entry per day: recording over the day
    /// sheet's pending entry fills it in; changing an entry already recorded takes the version the caller saw, as an
    /// update does, so nobody overwrites a correction they have not seen.
    /// </summary>
    public Task<RecordDeliveryResult> RecordAsync(Actor actor, RecordDelivery command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.RecordDeliveries);
        GuardPrice(actor, command.PricePerLiter);
        var v = new Validation();
        var customerId = v.Required("customerId", command.CustomerId);
        var date = v.Required("date", command.Date);
        var quantity = v.Required("quantity", command.Quantity);
        quantities.Check(v, "quantity", quantity);
        v.Range("pricePerLiter", command.PricePerLiter, 0, CustomerService.MaxPrice, minExclusive: true);
        // No milk is not a delivery: 0 L with no status is skipped, and 0 L "delivered" is refused.
        var status = command.Status is null ? (quantity == 0 ? DeliveryStatus.Skipped : DeliveryStatus.Delivered) : ParseStatus(v, command.Status);
        RefuseEmptyDelivery(v, quantity, status);
        if (date is { } d && d > clock.Today && status == DeliveryStatus.Delivered)
        {
            v.Add("date", "A delivery cannot be recorded as delivered on a future date.");
        }
        else
        {
            v.WritableDay("date", date, clock, MaxDaysAhead);
        }

        v.ThrowIfInvalid();

        return writer.WriteAsync(actor, async scope =>
        {
            var customer = await scope.Db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, ct)
                ?? throw DomainException.NotFound("Customer", customerId!.Value);
            Guard.Require(actor, Operation.RecordDeliveries, customer.Id, customer.Route);
            var entity = await scope.Db.DailyEntries.FirstOrDefaultAsync(e => e.CustomerId == customer.Id && e.Date == date, ct);
            var created = entity is null;
            if (created && !customer.IsActive)
            {
                throw new DomainException(ErrorCodes.ValidationFailed, $"Customer {customer.Name} is inactive.");
            }

            if (entity is not null)
            {
                CheckVersion(entity, command.Version, requiredUnlessPending: true);
            }
            else if (command.Version is not null)
            {
                throw DomainException.Conflict($"{customer.Name} has no entry on {date:yyyy-MM-dd} to change; reload and try again.");
            }

            var before = entity?.ToModel(customer.Name);
            entity ??= scope.Db.DailyEntries.Add(new DailyEntryEntity
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customer.Id,
                Date = date!.Value,
                CreatedAt = scope.Now,
            }).Entity;
            entity.Quantity = quantity!.Value;
            entity.PricePerLiter = command.PricePerLiter
                ?? (created ? (await SubscriptionService.PlanAsync(scope.Db, customer, date!.Value, ct)).On(date!.Value).PricePerLiter : entity.PricePerLiter);
            entity.Status = status!.Value;
            return new RecordDeliveryResult(await SaveAsync(scope, entity, customer, before, ct), created);
        }, ct);
    }

    public Task<DailyEntry> UpdateAsync(Actor actor, Guid id, UpdateDelivery command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.RecordDeliveries);
        GuardPrice(actor, command.PricePerLiter);
        var v = new Validation();
        quantities.Check(v, "quantity", command.Quantity);
        v.Range("pricePerLiter", command.PricePerLiter, 0, CustomerService.MaxPrice, minExclusive: true);
        var status = command.Status is null ? null : ParseStatus(v, command.Status);
        if (command.Quantity is null && command.PricePerLiter is null && command.Status is null)
        {
            v.Add("body", "Nothing to change: give quantity, pricePerLiter or status.");
        }

        v.ThrowIfInvalid();

        return writer.WriteAsync(actor, async scope =>
        {
            var entity = await scope.Db.DailyEntries.Include(e => e.Customer).FirstOrDefaultAsync(e => e.Id == id, ct)
                ?? throw DomainException.NotFound("Delivery entry", id);
            Guard.Require(actor, Operation.RecordDeliveries, entity.CustomerId, entity.Customer!.Route);
            CheckVersion(entity, command.Version, requiredUnlessPending: false);

            if (status == DeliveryStatus.Delivered && entity.Date > scope.Clock.Today)
            {
                throw new DomainException(ErrorCodes.ValidationFailed, "A delivery cannot be marked delivered on a future date.");
            }

            var closed = new Validation();
            closed.WritableDay("date", entity.Date, scope.Clock, MaxDaysAhead);
            closed.ThrowIfInvalid();

            var before = entity.ToModel(entity.Customer.Name);
            entity.Quantity = command.Quantity ?? entity.Quantity;
            entity.PricePerLiter = command.PricePerLiter ?? entity.PricePerLiter;
            // A pending entry set to 0 L is skipped (the household takes none that day), not left pending.
            entity.Status = status ?? (command.Quantity == 0 && entity.Status == DeliveryStatus.Pending ? DeliveryStatus.Skipped : entity.Status);
            var empty = new Validation();
            RefuseEmptyDelivery(empty, entity.Quantity, entity.Status);
            empty.ThrowIfInvalid();
            return await SaveAsync(scope, entity, entity.Customer, before, ct);
        }, ct);
    }

    /// <summary>The day's entries; an agent's, of their routes only.</summary>
    public Task<IReadOnlyList<DailyEntry>> ListAsync(Actor actor, DateOnly date, CancellationToken ct = default)
    {
        var access = Guard.Require(actor, Operation.ReadDeliveries);
        BusinessDates.Readable("date", date);
        return writer.ReadAsync<IReadOnlyList<DailyEntry>>(async db =>
        {
            var rows = await Visible(db.DailyEntries.AsNoTracking(), actor, access).Where(e => e.Date == date)
                .Select(e => new { Entry = e, e.Customer!.Name, e.Customer.Route }).ToListAsync(ct);
            return rows.OrderBy(r => r.Route).ThenBy(r => r.Name).Select(r => r.Entry.ToModel(r.Name)).ToList();
        }, ct);
    }

    public Task<DailyEntry> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadDeliveries);
        return writer.ReadAsync(async db =>
        {
            var row = await db.DailyEntries.AsNoTracking().Where(e => e.Id == id)
                .Select(e => new { Entry = e, e.Customer!.Name, e.Customer.Route }).FirstOrDefaultAsync(ct)
                ?? throw DomainException.NotFound("Delivery entry", id);
            Guard.Require(actor, Operation.ReadDeliveries, row.Entry.CustomerId, row.Route);
            return row.Entry.ToModel(row.Name);
        }, ct);
    }

    /// <summary>
    /// Creates the day's pending entries from the active customers' subscriptions (paused, off-day and 0 L customers
    /// are left off). Running it twice adds nothing.
    /// </summary>
    public Task<DaySheetResult> GenerateAsync(Actor actor, GenerateDaySheet command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.PrepareDaySheet);
        var v = new Validation();
        var date = v.Required("date", command.Date);
        v.WritableDay("date", date, clock, MaxDaysAhead);

        v.ThrowIfInvalid();

        return writer.WriteAsync(actor, async scope =>
        {
            var day = date!.Value;
            var existing = (await scope.Db.DailyEntries.Where(e => e.Date == day).Select(e => e.CustomerId).ToListAsync(ct)).ToHashSet();
            var customers = (await scope.Db.Customers.Where(c => c.IsActive).ToListAsync(ct)).Where(c => !existing.Contains(c.Id)).ToList();
            var plans = await SubscriptionService.PlansAsync(scope.Db, customers, day, day, ct);
            var toCreate = customers.Select(c => (Customer: c, Plan: plans[c.Id].On(day))).Where(c => c.Plan.Kind == PlanKind.Delivery).ToList();
            foreach (var (c, plan) in toCreate)
            {
                scope.Db.DailyEntries.Add(new DailyEntryEntity
                {
                    Id = Guid.CreateVersion7(),
                    CustomerId = c.Id,
                    Date = day,
                    Quantity = plan.Quantity,
                    PricePerLiter = plan.PricePerLiter,
                    Amount = Money.Round(plan.Quantity * plan.PricePerLiter),
                    Status = DeliveryStatus.Pending,
                    UpdatedBy = scope.Actor.Name,
                    CreatedAt = scope.Now,
                    UpdatedAt = scope.Now,
                    Version = 1,
                });
            }

            if (toCreate.Count > 0)
            {
                scope.Raise(new DaySheetGenerated(day, toCreate.Count));
                scope.Log("deliveries.generated", "daysheet", day.ToString("yyyy-MM-dd"),
                    $"Prepared the day sheet for {scope.Words.Date(day)}: {scope.Words.Count(toCreate.Count, "entry", "entries")}", null);
            }

            return new DaySheetResult(day, toCreate.Count, existing.Count);
        }, ct);
    }

    private static async Task<DailyEntry> SaveAsync(WriteScope scope, DailyEntryEntity entity, CustomerEntity customer,
        DailyEntry? before, CancellationToken ct)
    {
        entity.Amount = Money.Round(entity.Quantity * entity.PricePerLiter);
        entity.UpdatedBy = scope.Actor.Name;
        entity.UpdatedAt = scope.Now;
        entity.Version++;
        await scope.Db.SaveChangesAsync(ct);
        var customerName = customer.Name;
        var entry = entity.ToModel(customerName);
        var balance = await CustomerService.BalanceOf(scope.Db, entity.CustomerId, ct);
        scope.Raise(new DeliveryChanged(entry, Created: before is null, customer.Route, before));
        scope.Raise(new BalanceChanged(balance));
        var w = scope.Words;
        var summary = $"{customerName}: {w.Liters(entry.Quantity)} {entry.Status.ToString().ToLowerInvariant()} on {w.Date(entry.Date)} ({w.Money(entry.Amount)})";
        scope.Log(before is null ? "delivery.recorded" : "delivery.updated", "delivery", entity.Id, summary, entity.CustomerId, before, entry);
        return entry;
    }

    /// <summary>Entries an actor may see: with <see cref="Access.Route"/>, those of customers on the agent's routes.</summary>
    internal static IQueryable<DailyEntryEntity> Visible(IQueryable<DailyEntryEntity> entries, Actor actor, Access access)
    {
        if (access != Access.Route)
        {
            return entries;
        }

        var routes = actor.RouteKeys;
        return entries.Where(e => e.Customer!.Route != null && routes.Contains(e.Customer.Route.ToLower()));
    }

    /// <summary>An agent records quantity and status; the price is the customer's, set by staff.</summary>
    private static void GuardPrice(Actor actor, decimal? pricePerLiter)
    {
        if (pricePerLiter is not null)
        {
            Guard.Require(actor, Operation.PriceDeliveries);
        }
    }

    private static void RefuseEmptyDelivery(Validation v, decimal? quantity, DeliveryStatus? status)
    {
        if (quantity == 0 && status == DeliveryStatus.Delivered)
        {
            v.Add("quantity", "Nothing is delivered at 0 L: mark it skipped, or enter the liters.");
        }
    }

    private static void CheckVersion(DailyEntryEntity entity, int? expected, bool requiredUnlessPending)
    {
        if (expected is null && requiredUnlessPending && entity.Status != DeliveryStatus.Pending)
        {
            throw DomainException.Conflict(
                $"This entry was already recorded as {entity.Status.ToString().ToLowerInvariant()} by {entity.UpdatedBy} (version {entity.Version}); "
                + "send that version to change it.");
        }

        if (expected is { } v && v != entity.Version)
        {
            throw DomainException.Conflict($"This entry was changed by someone else (version {entity.Version}); reload and try again.");
        }
    }

    private static DeliveryStatus? ParseStatus(Validation v, string status)
    {
        if (Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(status, out _))
        {
            return parsed;
        }

        v.Add("status", "Status must be one of pending, delivered, skipped.");
        return null;
    }
}
