using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Subscriptions;

/// <summary>
/// Subscriptions: which days a customer takes milk, how much, at what price, and when they are away. The day sheets are
/// generated from them (<see cref="DeliveryService.GenerateAsync"/>); a day already on a sheet and still pending follows
/// a change made afterwards, unless someone set that day by hand (a one-day change), and a pause skips it.
/// </summary>
public sealed class SubscriptionService(DomainWriter writer, BusinessClock clock, QuantityRules quantities)
{
    /// <summary>How far ahead a change, a pause or a start date may be set, in days.</summary>
    public const int MaxDaysAhead = 366;

    /// <summary>How many coming days a subscription lists in <see cref="Subscription.Next"/>.</summary>
    public const int NextDays = 7;

    public const int MaxReasonLength = 200;

    public Task<Subscription> GetAsync(Actor actor, Guid? customerId, CancellationToken ct = default)
    {
        var id = Guard.CustomerOf(actor, Operation.ReadSubscriptions, customerId, "subscription");
        return writer.ReadAsync(async db =>
        {
            var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw DomainException.NotFound("Customer", id);
            return await ViewAsync(db, customer, clock.Today, ct);
        }, ct);
    }

    public Task<Subscription> ScheduleAsync(Actor actor, Guid customerId, SetSchedule command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageSubscriptions);
        var v = new Validation();
        var pattern = Parse<SubscriptionPattern>(v, "pattern", v.Text("pattern", command.Pattern, 20, required: true), "daily, alternate, weekdays");
        var shift = command.Shift is null ? (Shift?)null : Parse<Shift>(v, "shift", command.Shift, "morning, evening");
        var weekdays = 0;
        foreach (var name in command.Weekdays ?? [])
        {
            var given = (name ?? "").Trim();
            var i = SubscriptionPlan.WeekdayNames.ToList().FindIndex(n => string.Equals(n, given[..Math.Min(3, given.Length)], StringComparison.OrdinalIgnoreCase));
            if (i < 0)
            {
                v.Add("weekdays", $"\"{name}\" is not a weekday: use mon, tue, wed, thu, fri, sat, sun.");
            }
            else
            {
                weekdays |= 1 << i;
            }
        }

        if (pattern == SubscriptionPattern.Weekdays && weekdays == 0 && v.IsValid)
        {
            v.Add("weekdays", "Choose at least one weekday.");
        }

        if (pattern == SubscriptionPattern.Alternate && command.StartDate is null)
        {
            v.Add("startDate", "Alternate days count from a start date: give one.");
        }

        v.ReadableDay("startDate", command.StartDate);
        if (command.StartDate is { } s && s > clock.Today.AddDays(MaxDaysAhead))
        {
            v.Add("startDate", $"The start date must be at most {MaxDaysAhead} days ahead.");
        }

        v.ThrowIfInvalid();
        return WriteAsync(actor, customerId, (scope, customer, row) =>
        {
            if (command.Version is { } expected && expected != (row?.Version ?? 0))
            {
                throw DomainException.Conflict($"{customer.Name}'s subscription was changed by someone else (version {row?.Version ?? 0}); reload and try again.");
            }

            if (row is null)
            {
                scope.Db.Subscriptions.Add(row = new SubscriptionEntity { CustomerId = customer.Id });
            }

            row.Pattern = pattern!.Value;
            row.Weekdays = pattern == SubscriptionPattern.Weekdays ? weekdays : 0;
            row.Shift = shift ?? row.Shift;
            row.StartDate = command.StartDate;
            row.Version++;
            row.UpdatedAt = scope.Now;
            var days = row.Pattern switch
            {
                SubscriptionPattern.Alternate => "alternate days",
                SubscriptionPattern.Weekdays => string.Join(", ", SubscriptionPlan.Names(row.Weekdays)),
                _ => "every day",
            };
            var since = row.StartDate is { } start ? $" from {scope.Words.Date(start)}" : "";
            return Task.FromResult(new Outcome($"{customer.Name}'s milk: {days}, {row.Shift.ToString().ToLowerInvariant()}s{since}"));
        }, ct);
    }

    public Task<Subscription> ChangeAsync(Actor actor, Guid customerId, ScheduleChange command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageSubscriptions);
        var v = new Validation();
        var from = ComingDay(v, "from", command.From);
        quantities.Check(v, "quantity", command.Quantity);
        v.Range("pricePerLiter", command.PricePerLiter, 0, CustomerService.MaxPrice, minExclusive: true);
        if (command is { Quantity: null, PricePerLiter: null })
        {
            v.Add("quantity", "Give the new quantity, the new price, or both.");
        }

        v.ThrowIfInvalid();
        return WriteAsync(actor, customerId, async (scope, customer, _) =>
        {
            var day = from!.Value;
            var change = await scope.Db.SubscriptionChanges.FirstOrDefaultAsync(c => c.CustomerId == customer.Id && c.From == day && !c.Applied, ct);
            if (change is null)
            {
                scope.Db.SubscriptionChanges.Add(change = new SubscriptionChangeEntity { Id = Guid.CreateVersion7(), CustomerId = customer.Id, From = day });
            }

            change.Quantity = command.Quantity ?? change.Quantity;
            change.PricePerLiter = command.PricePerLiter ?? change.PricePerLiter;
            (change.By, change.At) = (scope.Actor.Name, scope.Now);
            if (day <= scope.Clock.Today)
            {
                Apply(scope, customer, change);
            }

            var what = string.Join(" and ", new[]
            {
                command.Quantity is { } q ? $"{scope.Words.Liters(q)} a day" : null,
                command.PricePerLiter is { } p ? $"{scope.Words.Money(p)} a liter" : null,
            }.OfType<string>());
            return new Outcome($"{customer.Name}'s milk from {scope.Words.Date(day)}: {what}");
        }, ct);
    }

    /// <summary>Takes back a change whose day has not come (one that has is history: change again instead).</summary>
    public Task<Subscription> RemoveChangeAsync(Actor actor, Guid customerId, Guid changeId, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageSubscriptions);
        return WriteAsync(actor, customerId, async (scope, customer, _) =>
        {
            var change = await scope.Db.SubscriptionChanges.FirstOrDefaultAsync(c => c.Id == changeId && c.CustomerId == customer.Id, ct)
                ?? throw DomainException.NotFound("Subscription change", changeId);
            if (change.Applied)
            {
                throw DomainException.Conflict($"The change from {change.From:yyyy-MM-dd} has taken effect; make a new change instead.");
            }

            scope.Db.SubscriptionChanges.Remove(change);
            return new Outcome($"{customer.Name}'s milk: took back the change from {scope.Words.Date(change.From)}");
        }, ct);
    }

    /// <summary>A pause (vacation), from the office or the customer's own app. Pauses of one customer do not overlap.</summary>
    public Task<Subscription> PauseAsync(Actor actor, Guid? customerId, PauseSubscription command, CancellationToken ct = default)
    {
        var id = Guard.CustomerOf(actor, Operation.PauseSubscriptions, customerId, "subscription");
        var v = new Validation();
        var from = ComingDay(v, "from", command.From);
        var to = v.Required("to", command.To);
        var reason = v.Text("reason", command.Reason, MaxReasonLength, required: false);
        if (from is { } f && to is { } t)
        {
            if (t < f)
            {
                v.Add("to", "The pause must end on or after the day it starts.");
            }
            else if (t.DayNumber - f.DayNumber >= MaxDaysAhead)
            {
                v.Add("to", $"A pause is at most {MaxDaysAhead} days; make the customer inactive for longer.");
            }
        }

        v.ThrowIfInvalid();
        return WriteAsync(actor, id, async (scope, customer, _) =>
        {
            var (start, end) = (from!.Value, to!.Value);
            var overlap = await scope.Db.SubscriptionPauses.AsNoTracking()
                .FirstOrDefaultAsync(p => p.CustomerId == customer.Id && p.From <= end && start <= p.To, ct);
            if (overlap is not null)
            {
                throw DomainException.Conflict($"{customer.Name} is already paused from {overlap.From:yyyy-MM-dd} to {overlap.To:yyyy-MM-dd}; end that pause first.");
            }

            scope.Db.SubscriptionPauses.Add(new SubscriptionPauseEntity
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customer.Id,
                From = start,
                To = end,
                Reason = string.IsNullOrEmpty(reason) ? null : reason,
                By = scope.Actor.Name,
                At = scope.Now,
            });
            return new Outcome($"Paused {customer.Name}'s milk from {scope.Words.Date(start)} to {scope.Words.Date(end)}" + (string.IsNullOrEmpty(reason) ? "" : $" ({reason})"));
        }, ct);
    }

    /// <summary>
    /// Ends a pause: one not started is taken back; one under way ends yesterday, and today's and later days it had
    /// skipped (and nobody touched since) are pending again.
    /// </summary>
    public Task<Subscription> ResumeAsync(Actor actor, Guid? customerId, Guid pauseId, CancellationToken ct = default)
    {
        var id = Guard.CustomerOf(actor, Operation.PauseSubscriptions, customerId, "subscription");
        return WriteAsync(actor, id, async (scope, customer, _) =>
        {
            var pause = await scope.Db.SubscriptionPauses.FirstOrDefaultAsync(p => p.Id == pauseId && p.CustomerId == customer.Id, ct)
                ?? throw DomainException.NotFound("Pause", pauseId);
            var today = scope.Clock.Today;
            if (pause.To < today)
            {
                throw DomainException.Conflict($"The pause from {pause.From:yyyy-MM-dd} to {pause.To:yyyy-MM-dd} is over.");
            }

            var summary = pause.From > today
                ? $"Took back {customer.Name}'s pause from {scope.Words.Date(pause.From)} to {scope.Words.Date(pause.To)}"
                : $"Resumed {customer.Name}'s milk from {scope.Words.Date(today)} (paused from {scope.Words.Date(pause.From)} to {scope.Words.Date(pause.To)})";
            if (pause.From >= today)
            {
                scope.Db.SubscriptionPauses.Remove(pause);
            }
            else
            {
                pause.To = today.AddDays(-1);
            }

            return new Outcome(summary, pause);
        }, ct);
    }

    /// <summary>Changes whose day has come become the customers' quantity and price. Run by <see cref="SubscriptionRollover"/>.</summary>
    public Task<int> ApplyDueAsync(CancellationToken ct = default)
    {
        var today = clock.Today;
        return writer.WriteAsync(Actor.System("subscriptions"), async scope =>
        {
            var due = await scope.Db.SubscriptionChanges.Where(c => !c.Applied && c.From <= today).OrderBy(c => c.From).ToListAsync(ct);
            foreach (var group in due.GroupBy(c => c.CustomerId))
            {
                var customer = await scope.Db.Customers.FirstAsync(c => c.Id == group.Key, ct);
                foreach (var change in group)
                {
                    Apply(scope, customer, change);
                }

                await scope.Db.SaveChangesAsync(ct);
                scope.Raise(new CustomerChanged(customer.ToModel(), Created: false));
                scope.Raise(new SubscriptionChanged(await ViewAsync(scope.Db, customer, today, ct), customer.Route));
            }

            return due.Count;
        }, ct);
    }

    /// <summary>Every given customer's plan for the days <paramref name="from"/> to <paramref name="to"/>, from one read of each table.</summary>
    public static async Task<Dictionary<Guid, SubscriptionPlan>> PlansAsync(DashboardDbContext db, IReadOnlyCollection<CustomerEntity> customers,
        DateOnly from, DateOnly to, CancellationToken ct)
    {
        var schedules = await db.Subscriptions.AsNoTracking().ToDictionaryAsync(s => s.CustomerId, ct);
        var changes = (await db.SubscriptionChanges.AsNoTracking().Where(c => !c.Applied && c.From <= to).ToListAsync(ct)).ToLookup(c => c.CustomerId);
        var pauses = (await db.SubscriptionPauses.AsNoTracking().Where(p => p.From <= to && from <= p.To).ToListAsync(ct)).ToLookup(p => p.CustomerId);
        return customers.ToDictionary(c => c.Id, c => new SubscriptionPlan(c, schedules.GetValueOrDefault(c.Id), [.. changes[c.Id]], [.. pauses[c.Id]]));
    }

    public static async Task<SubscriptionPlan> PlanAsync(DashboardDbContext db, CustomerEntity customer, DateOnly from, CancellationToken ct)
    {
        var schedule = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.CustomerId == customer.Id, ct);
        var changes = await db.SubscriptionChanges.AsNoTracking().Where(c => c.CustomerId == customer.Id && !c.Applied).ToListAsync(ct);
        var pauses = await db.SubscriptionPauses.AsNoTracking().Where(p => p.CustomerId == customer.Id && p.To >= from).ToListAsync(ct);
        return new SubscriptionPlan(customer, schedule, changes, pauses);
    }

    private static async Task<Subscription> ViewAsync(DashboardDbContext db, CustomerEntity customer, DateOnly today, CancellationToken ct) =>
        View(customer, await PlanAsync(db, customer, today, ct), today);

    /// <summary>The subscription as every channel sees it, from a plan loaded from <paramref name="today"/>.</summary>
    private static Subscription View(CustomerEntity customer, SubscriptionPlan plan, DateOnly today)
    {
        var (schedule, now) = (plan.Schedule, plan.On(today));
        return new Subscription(customer.Id, customer.Name, schedule?.Pattern ?? SubscriptionPattern.Daily, SubscriptionPlan.Names(schedule?.Weekdays ?? 0),
            schedule?.Shift ?? Shift.Morning, schedule?.StartDate, now.Quantity, now.PricePerLiter,
            [.. plan.Upcoming.OrderBy(c => c.From).Select(c => c.ToModel())], [.. plan.Pauses.OrderBy(p => p.From).Select(p => p.ToModel())],
            [.. Enumerable.Range(0, NextDays).Select(i => plan.On(today.AddDays(i)))], schedule?.Version ?? 0);
    }

    /// <summary>
    /// One subscription write: <paramref name="change"/> alters the rows and says what it did (for the activity log); then
    /// the days already on a sheet, from today, follow the new plan, and everyone who sees the customer hears of it.
    /// </summary>
    private Task<Subscription> WriteAsync(Actor actor, Guid customerId,
        Func<WriteScope, CustomerEntity, SubscriptionEntity?, Task<Outcome>> change, CancellationToken ct) =>
        writer.WriteAsync(actor, async scope =>
        {
            var customer = await scope.Db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, ct) ?? throw DomainException.NotFound("Customer", customerId);
            var today = scope.Clock.Today;
            var before = await PlanAsync(scope.Db, customer, today, ct);
            var beforeCustomer = (customer.DefaultQuantity, customer.PricePerLiter);
            var row = await scope.Db.Subscriptions.FirstOrDefaultAsync(s => s.CustomerId == customer.Id, ct);
            var (summary, resumed) = await change(scope, customer, row);
            await scope.Db.SaveChangesAsync(ct);
            var after = await PlanAsync(scope.Db, customer, today, ct);
            await ReplanAsync(scope, customer, before, after, today, resumed, ct);
            if (beforeCustomer != (customer.DefaultQuantity, customer.PricePerLiter))
            {
                scope.Raise(new CustomerChanged(customer.ToModel(), Created: false));
            }

            var view = View(customer, after, today); // the plan just loaded: nothing changed since
            scope.Raise(new SubscriptionChanged(view, customer.Route));
            scope.Log("subscription.updated", "subscription", customer.Id, summary, customer.Id, after: view);
            return view;
        }, ct);

    /// <summary>
    /// The pending entries from <paramref name="from"/> on follow the plan: a paused day is skipped; a day as the old plan
    /// had it takes the new quantity and price, or is skipped when it is no longer a delivery day; a day someone set by
    /// hand keeps what they set. Ending a pause makes the days it skipped (untouched since) pending again.
    /// </summary>
    private static async Task ReplanAsync(WriteScope scope, CustomerEntity customer, SubscriptionPlan before, SubscriptionPlan after, DateOnly from,
        SubscriptionPauseEntity? resumed, CancellationToken ct)
    {
        var entries = await scope.Db.DailyEntries
            .Where(e => e.CustomerId == customer.Id && e.Date >= from && (e.Status == DeliveryStatus.Pending || (resumed != null && e.Status == DeliveryStatus.Skipped)))
            .OrderBy(e => e.Date).ToListAsync(ct);
        var changed = new List<(DailyEntryEntity Entity, DailyEntry Before)>();
        foreach (var entry in entries)
        {
            var (was, now) = (before.On(entry.Date), after.On(entry.Date));
            var snapshot = entry.ToModel(customer.Name);
            if (entry.Status == DeliveryStatus.Skipped)
            {
                // Only the days this pause skipped: it stamped them with its own time and name.
                if (resumed is null || was.Pause?.Id != resumed.Id || entry.UpdatedAt != resumed.At || entry.UpdatedBy != resumed.By
                    || now.Kind != PlanKind.Delivery)
                {
                    continue;
                }

                entry.Status = DeliveryStatus.Pending; // with what it had (a quantity set by hand for the day stays)
            }
            else if (now.Kind == PlanKind.Paused)
            {
                entry.Status = DeliveryStatus.Skipped;
            }
            else if (was.Kind != PlanKind.Delivery || entry.Quantity != was.Quantity || entry.PricePerLiter != was.PricePerLiter)
            {
                continue; // set by hand for that day
            }
            else if (now.Kind == PlanKind.Delivery)
            {
                if (entry.Quantity == now.Quantity && entry.PricePerLiter == now.PricePerLiter)
                {
                    continue;
                }

                (entry.Quantity, entry.PricePerLiter) = (now.Quantity, now.PricePerLiter);
            }
            else
            {
                entry.Status = DeliveryStatus.Skipped;
            }

            entry.Amount = Money.Round(entry.Quantity * entry.PricePerLiter);
            entry.UpdatedBy = scope.Actor.Name;
            entry.UpdatedAt = scope.Now;
            entry.Version++;
            changed.Add((entry, snapshot));
        }

        if (changed.Count > 0)
        {
            await scope.Db.SaveChangesAsync(ct);
            foreach (var (entity, was) in changed)
            {
                scope.Raise(new DeliveryChanged(entity.ToModel(customer.Name), Created: false, customer.Route, was));
            }
        }
    }

    private static void Apply(WriteScope scope, CustomerEntity customer, SubscriptionChangeEntity change)
    {
        customer.DefaultQuantity = change.Quantity ?? customer.DefaultQuantity;
        customer.PricePerLiter = change.PricePerLiter ?? customer.PricePerLiter;
        customer.UpdatedAt = scope.Now;
        customer.Version++;
        change.Applied = true;
    }

    private DateOnly? ComingDay(Validation v, string field, DateOnly? day)
    {
        v.Required(field, day);
        if (day is { } d && d < clock.Today)
        {
            v.Add(field, $"{Validation.Label(field)} must be today or later: what was delivered is changed on the day sheet.");
        }
        else if (day is { } later && later > clock.Today.AddDays(MaxDaysAhead))
        {
            v.Add(field, $"{Validation.Label(field)} must be at most {MaxDaysAhead} days ahead.");
        }

        return day;
    }

    private static T? Parse<T>(Validation v, string field, string? text, string allowed) where T : struct, Enum
    {
        if (text is null)
        {
            return null;
        }

        var names = allowed.Split(", ");
        var i = Array.FindIndex(names, n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (i < 0)
        {
            v.Add(field, $"{Validation.Label(field)} must be one of {allowed}.");
            return null;
        }

        return Enum.GetValues<T>()[i];
    }

    /// <summary>What a subscription write did, for the activity log; <see cref="Resumed"/>: the pause it ended.</summary>
    private sealed record Outcome(string Summary, SubscriptionPauseEntity? Resumed = null);
}
