using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Subscriptions;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Domain;

/// <summary>Subscriptions make the day sheets: patterns, pauses, changes from a date; the ledger follows.</summary>
public sealed class SubscriptionTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    private SubscriptionService Subscriptions => _h.Get<SubscriptionService>();

    public async Task InitializeAsync() => _h = await DomainHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Each_pattern_makes_its_days_over_a_month_alternate_days_across_the_month_end_and_chosen_weekdays()
    {
        var start = _h.Today; // Sunday 22 November 2026
        Assert.Equal(DayOfWeek.Sunday, start.DayOfWeek);
        var daily = await _h.CreateCustomerAsync("Daily Devi");
        var alternate = await _h.CreateCustomerAsync("Alternate Anil", quantity: 2m);
        var weekdays = await _h.CreateCustomerAsync("Weekday Wasim", quantity: 0.5m);
        var none = await _h.CreateCustomerAsync("Zero Zoya", quantity: 0m);
        await Subscriptions.ScheduleAsync(DomainHarness.Staff, alternate.Id, new SetSchedule("alternate", null, "morning", new DateOnly(2026, 11, 29), null));
        var set = await Subscriptions.ScheduleAsync(DomainHarness.Staff, weekdays.Id, new SetSchedule("weekdays", ["mon", "Wednesday", "FRI"], "evening", null, null));
        Assert.Equal(["mon", "wed", "fri"], set.Weekdays);
        Assert.Equal((Shift.Evening, 1), (set.Shift, set.Version));

        var days = Enumerable.Range(0, 30).Select(start.AddDays).ToList(); // 22 Nov to 21 Dec
        await WalkAsync(days);

        var sheets = await EntriesAsync();
        Assert.Equal(days, sheets[daily.Id].Select(e => e.Date));
        DateOnly[] alternateDays =
        [
            new(2026, 11, 29), new(2026, 12, 1), new(2026, 12, 3), new(2026, 12, 5), new(2026, 12, 7), new(2026, 12, 9),
            new(2026, 12, 11), new(2026, 12, 13), new(2026, 12, 15), new(2026, 12, 17), new(2026, 12, 19), new(2026, 12, 21),
        ];
        Assert.Equal(alternateDays, sheets[alternate.Id].Select(e => e.Date));
        Assert.All(sheets[alternate.Id], e => Assert.Equal(2m, e.Quantity));
        Assert.Equal(days.Where(d => d.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Wednesday or DayOfWeek.Friday),
            sheets[weekdays.Id].Select(e => e.Date));
        Assert.Equal(13, sheets[weekdays.Id].Count());
        Assert.False(sheets.Contains(none.Id));

        // The ledger bills exactly those days (every entry was marked delivered on its day).
        var ledger = await _h.Customers.GetLedgerAsync(DomainHarness.Staff, alternate.Id);
        Assert.Equal(alternateDays, ledger.Lines.Select(l => l.Date));
        Assert.Equal(12 * 2 * 60m, ledger.Balance.Balance);
    }

    [Fact]
    public async Task A_pause_a_quantity_change_and_a_price_change_from_a_date_shape_the_sheets_and_the_ledger()
    {
        var c = await _h.CreateCustomerAsync("Pausing Pooja", quantity: 1m, price: 60m);
        var today = _h.Today;
        await Subscriptions.ChangeAsync(DomainHarness.Staff, c.Id, new ScheduleChange(today.AddDays(3), 2m, null));
        await Subscriptions.ChangeAsync(DomainHarness.Staff, c.Id, new ScheduleChange(today.AddDays(6), null, 70m));
        var paused = await Subscriptions.PauseAsync(DomainHarness.Customer(c.Id), null, new PauseSubscription(today.AddDays(4), today.AddDays(5), "At my mother's"));
        Assert.Equal([(today.AddDays(3), 2m, (decimal?)null), (today.AddDays(6), (decimal?)null, 70m)],
            paused.Changes.Select(x => (x.From, x.Quantity, x.PricePerLiter)));
        Assert.Equal((today.AddDays(4), today.AddDays(5), "At my mother's", "A Customer"), (paused.Pauses[0].From, paused.Pauses[0].To, paused.Pauses[0].Reason, paused.Pauses[0].By));
        Assert.Equal([PlanKind.Delivery, PlanKind.Delivery, PlanKind.Delivery, PlanKind.Delivery, PlanKind.Paused, PlanKind.Paused, PlanKind.Delivery],
            paused.Next.Select(d => d.Kind));
        Assert.Equal([1m, 1m, 1m, 2m, 2m, 2m, 2m], paused.Next.Select(d => d.Quantity));
        Assert.Equal([60m, 60m, 60m, 60m, 60m, 60m, 70m], paused.Next.Select(d => d.PricePerLiter));

        await WalkAsync([.. Enumerable.Range(0, 9).Select(today.AddDays)]);

        var entries = (await EntriesAsync())[c.Id];
        Assert.Equal([0, 1, 2, 3, 6, 7, 8], entries.Select(e => e.Date.DayNumber - today.DayNumber));
        Assert.Equal([60m, 60m, 60m, 120m, 140m, 140m, 140m], entries.Select(e => e.Amount));
        var ledger = await _h.Customers.GetLedgerAsync(DomainHarness.Staff, c.Id);
        Assert.Equal(720m, ledger.Balance.Balance);
        Assert.Equal(entries.Select(e => (e.Date, e.Amount)), ledger.Lines.Select(l => (l.Date, l.Debit)));

        // The changes have taken effect: the customer's own quantity and price say so, and nothing is left to come.
        var customer = await _h.Customers.GetAsync(DomainHarness.Staff, c.Id);
        Assert.Equal((2m, 70m), (customer.DefaultQuantity, customer.PricePerLiter));
        var now = await Subscriptions.GetAsync(DomainHarness.Staff, c.Id);
        Assert.Empty(now.Changes);
        Assert.Empty(now.Pauses);
    }

    [Fact]
    public async Task A_pause_skips_the_days_already_on_a_sheet_and_ending_it_brings_them_back_as_they_were()
    {
        var c = await _h.CreateCustomerAsync("Vacation Vani", quantity: 1m);
        var other = await _h.CreateCustomerAsync("Staying Sita");
        var today = _h.Today;
        for (var i = 1; i <= 3; i++)
        {
            await _h.Deliveries.GenerateAsync(DomainHarness.Staff, new GenerateDaySheet(today.AddDays(i)));
        }

        var handSet = (await _h.Deliveries.DaySheetAsync(DomainHarness.Staff, today.AddDays(2))).Lines.Single(l => l.Entry.CustomerId == c.Id).Entry;
        await _h.Deliveries.UpdateAsync(DomainHarness.Staff, handSet.Id, new UpdateDelivery(3m, null, null, handSet.Version)); // a one-day change
        using var changes = new EventRecorder<DeliveryChanged>(_h.Events);
        using var updates = new EventRecorder<SubscriptionChanged>(_h.Events);

        var paused = await Subscriptions.PauseAsync(DomainHarness.Staff, c.Id, new PauseSubscription(today.AddDays(1), today.AddDays(3), null));

        var skipped = await changes.WaitForCountAsync(3);
        Assert.All(skipped, e => Assert.Equal((c.Id, DeliveryStatus.Skipped, DeliveryStatus.Pending), (e.Entry.CustomerId, e.Entry.Status, e.Previous!.Status)));
        Assert.Equal(c.Id, (await updates.WaitForCountAsync(1))[0].Subscription.CustomerId);
        var sheet = await _h.Deliveries.DaySheetAsync(DomainHarness.Staff, today.AddDays(2));
        Assert.Equal(DeliveryStatus.Skipped, sheet.Lines.Single(l => l.Entry.CustomerId == c.Id).Entry.Status);
        Assert.Equal(DeliveryStatus.Pending, sheet.Lines.Single(l => l.Entry.CustomerId == other.Id).Entry.Status);

        // Today's sheet is not generated yet: the pause is not today, so Vani is on it; a pause from today would leave her off.
        var todaySheet = await _h.Deliveries.DaySheetAsync(DomainHarness.Staff, today);
        Assert.Equal(PlanKind.Delivery, todaySheet.Plans[c.Id].Kind);

        await Subscriptions.ResumeAsync(DomainHarness.Staff, c.Id, paused.Pauses[0].Id);
        var back = await changes.WaitForCountAsync(6);
        Assert.All(back.Skip(3), e => Assert.Equal(DeliveryStatus.Pending, e.Entry.Status));
        Assert.Equal([1m, 3m, 1m], back.Skip(3).Select(e => e.Entry.Quantity)); // the hand-set day kept its 3 L
        Assert.Empty((await Subscriptions.GetAsync(DomainHarness.Staff, c.Id)).Pauses);
    }

    [Fact]
    public async Task A_pause_under_way_ends_yesterday_and_a_paused_customer_is_listed_as_such_on_a_sheet_not_generated()
    {
        var c = await _h.CreateCustomerAsync("Away Asha");
        var today = _h.Today;
        var paused = await Subscriptions.PauseAsync(DomainHarness.Staff, c.Id, new PauseSubscription(today, today.AddDays(10), "Travelling"));
        var sheet = await _h.Deliveries.DaySheetAsync(DomainHarness.Staff, today);
        Assert.Equal((PlanKind.Paused, today.AddDays(10)), (sheet.Plans[c.Id].Kind, sheet.Plans[c.Id].Pause!.To));
        Assert.Equal(0, sheet.Generatable);
        Assert.Equal(0, (await _h.Deliveries.GenerateAsync(DomainHarness.Staff, new GenerateDaySheet(today))).Created);

        _h.Time.Set(_h.Time.GetUtcNow().AddDays(2));
        var resumed = await Subscriptions.ResumeAsync(DomainHarness.Customer(c.Id), null, paused.Pauses[0].Id);
        Assert.Empty(resumed.Pauses);
        await using var db = _h.Db();
        var row = await db.SubscriptionPauses.SingleAsync();
        Assert.Equal((today, today.AddDays(1)), (row.From, row.To)); // kept as history: paused for two days
        Assert.Equal(1, (await _h.Deliveries.GenerateAsync(DomainHarness.Staff, new GenerateDaySheet(today.AddDays(2)))).Created);
        var activity = await db.Activity.Where(a => a.Action == "subscription.updated").OrderBy(a => a.Id).Select(a => a.Summary).ToListAsync();
        Assert.Equal(["Paused Away Asha's milk from 22 Nov 2026 to 2 Dec 2026 (Travelling)", "Resumed Away Asha's milk from 24 Nov 2026 (paused from 22 Nov 2026 to 2 Dec 2026)"], activity);
    }

    [Fact]
    public async Task A_one_day_change_works_on_a_day_whose_sheet_is_not_generated_and_a_later_change_leaves_it_alone()
    {
        var c = await _h.CreateCustomerAsync("Party Priya", quantity: 1m);
        var day = _h.Today.AddDays(3);
        await _h.DeliverAsync(c.Id, day, 4m, status: "pending"); // guests that day
        await _h.Deliveries.GenerateAsync(DomainHarness.Staff, new GenerateDaySheet(day));
        await _h.Deliveries.GenerateAsync(DomainHarness.Staff, new GenerateDaySheet(day.AddDays(1)));

        await Subscriptions.ChangeAsync(DomainHarness.Staff, c.Id, new ScheduleChange(_h.Today.AddDays(1), 1.5m, null));

        var entries = (await EntriesAsync())[c.Id];
        Assert.Equal([(day, 4m), (day.AddDays(1), 1.5m)], entries.Select(e => (e.Date, e.Quantity)));
        Assert.Equal(1m, (await _h.Customers.GetAsync(DomainHarness.Staff, c.Id)).DefaultQuantity); // from tomorrow, not today

        // Taken back: the days as the old plan had them come back to 1 L; the hand-set day stays.
        var change = (await Subscriptions.GetAsync(DomainHarness.Staff, c.Id)).Changes.Single();
        await Subscriptions.RemoveChangeAsync(DomainHarness.Staff, c.Id, change.Id);
        entries = (await EntriesAsync())[c.Id];
        Assert.Equal([(day, 4m), (day.AddDays(1), 1m)], entries.Select(e => (e.Date, e.Quantity)));
    }

    [Fact]
    public async Task A_change_from_today_takes_effect_at_once()
    {
        var c = await _h.CreateCustomerAsync("Now Neha", quantity: 1m, price: 60m);
        using var customers = new EventRecorder<CustomerChanged>(_h.Events);
        var s = await Subscriptions.ChangeAsync(DomainHarness.Staff, c.Id, new ScheduleChange(_h.Today, 2m, 64m));
        Assert.Equal((2m, 64m), (s.Quantity, s.PricePerLiter));
        Assert.Empty(s.Changes);
        var changed = (await customers.WaitForCountAsync(1))[0].Customer;
        Assert.Equal((2m, 64m, 2), (changed.DefaultQuantity, changed.PricePerLiter, changed.Version));
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_their_field_and_write_nothing()
    {
        var c = await _h.CreateCustomerAsync("Careful Kavya");
        var other = await _h.CreateCustomerAsync("Other Om");
        var today = _h.Today;

        var past = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () =>
            Subscriptions.PauseAsync(DomainHarness.Staff, c.Id, new PauseSubscription(today.AddDays(-1), today, null)));
        Assert.Equal(["from"], past.Errors.Keys);
        var backwards = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () =>
            Subscriptions.PauseAsync(DomainHarness.Staff, c.Id, new PauseSubscription(today.AddDays(3), today.AddDays(2), null)));
        Assert.Equal("The pause must end on or after the day it starts.", backwards.Errors["to"][0]);
        var noDays = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () =>
            Subscriptions.ScheduleAsync(DomainHarness.Staff, c.Id, new SetSchedule("weekdays", [], null, null, null)));
        Assert.Equal("Choose at least one weekday.", noDays.Errors["weekdays"][0]);
        var noStart = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () =>
            Subscriptions.ScheduleAsync(DomainHarness.Staff, c.Id, new SetSchedule("alternate", null, null, null, null)));
        Assert.Equal(["startDate"], noStart.Errors.Keys);
        var badPattern = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () =>
            Subscriptions.ScheduleAsync(DomainHarness.Staff, c.Id, new SetSchedule("fortnightly", ["someday"], "night", null, null)));
        Assert.Equal(["pattern", "shift", "weekdays"], badPattern.Errors.Keys.Order());
        var nothing = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () =>
            Subscriptions.ChangeAsync(DomainHarness.Staff, c.Id, new ScheduleChange(today.AddDays(1), null, null)));
        Assert.Equal(["quantity"], nothing.Errors.Keys);
        await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () =>
            Subscriptions.ChangeAsync(DomainHarness.Staff, c.Id, new ScheduleChange(today.AddDays(1), 500m, null)));

        // A customer's app pauses only its own subscription, and may not change quantities.
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () =>
            Subscriptions.PauseAsync(DomainHarness.Customer(c.Id), other.Id, new PauseSubscription(today, today, null)));
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () =>
            Subscriptions.ChangeAsync(DomainHarness.Customer(c.Id), c.Id, new ScheduleChange(today, 9m, null)));
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () => Subscriptions.GetAsync(DomainHarness.Delivery, c.Id));

        // Pauses do not overlap; a pause that is over cannot be ended again.
        var first = await Subscriptions.PauseAsync(DomainHarness.Staff, c.Id, new PauseSubscription(today.AddDays(2), today.AddDays(4), null));
        var overlap = await Assert.ThrowsAsync<DomainException>(() =>
            Subscriptions.PauseAsync(DomainHarness.Customer(c.Id), null, new PauseSubscription(today.AddDays(4), today.AddDays(6), null)));
        Assert.Equal((ErrorCodes.Conflict, "Careful Kavya is already paused from 2026-11-24 to 2026-11-26; end that pause first."), (overlap.Code, overlap.Message));
        await Assert.ThrowsAsync<DomainException>(() => Subscriptions.ResumeAsync(DomainHarness.Customer(other.Id), null, first.Pauses[0].Id));

        // Two people setting the days at once: the second, still on the version they saw, is told to reload.
        await Subscriptions.ScheduleAsync(DomainHarness.Staff, c.Id, new SetSchedule("daily", null, "evening", null, Version: 0));
        var stale = await Assert.ThrowsAsync<DomainException>(() =>
            Subscriptions.ScheduleAsync(DomainHarness.Admin, c.Id, new SetSchedule("weekdays", ["sat"], null, null, Version: 0)));
        Assert.Equal(ErrorCodes.Conflict, stale.Code);
    }

    /// <summary>Each day in turn, as the office works it: the changes due that morning apply, the sheet is generated, the round delivered.</summary>
    private async Task WalkAsync(List<DateOnly> days)
    {
        var first = _h.Time.GetUtcNow();
        foreach (var day in days)
        {
            _h.Time.Set(first.AddDays(day.DayNumber - days[0].DayNumber));
            Assert.Equal(day, _h.Today);
            await Subscriptions.ApplyDueAsync();
            await _h.Deliveries.GenerateAsync(DomainHarness.Staff, new GenerateDaySheet(day));
            await _h.Deliveries.MarkRouteDeliveredAsync(DomainHarness.Staff, new MarkRouteDelivered(day, "Jayanagar"));
        }
    }

    private async Task<ILookup<Guid, DailyEntryEntity>> EntriesAsync()
    {
        await using var db = _h.Db();
        return (await db.DailyEntries.AsNoTracking().ToListAsync()).OrderBy(e => e.Date).ToLookup(e => e.CustomerId);
    }
}
