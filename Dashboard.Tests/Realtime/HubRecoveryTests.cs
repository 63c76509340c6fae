using System.Net.Http.Json;
using Dashboard.Domain.Events;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Realtime;

/// <summary>An app away for longer than a transport blip comes back with a new connection and recovers from the log.</summary>
public sealed class HubRecoveryTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task An_app_that_was_away_recovers_exactly_the_50_payments_it_missed_in_order()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Away Customer");
        var (before, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        long last;
        await using (before)
        {
            var first = (await HubRecovery.RecordPaymentsAsync(admin, customer, 1))[0];
            await before.WaitForEventAsync("payment:added", x => x.Is("id", first));
            await before.WaitForEventAsync("balance:updated", x => x.Is("customerId", customer));
            last = before.Events.Where(e => e.Args.Length == 2).Max(e => e.Args.Position());
        }

        var missed = await HubRecovery.RecordPaymentsAsync(admin, customer, 50);

        var (after, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        var metricsBefore = await ApiAssert.Json(await admin.GetAsync("/api/v1/realtime/metrics"));
        await using (after)
        {
            var (events, upTo, pages) = await HubRecovery.SinceAsync(after, last);
            Assert.Equal(missed, events.PaymentIds());
            // The real-time page counts a SignalR app's catch-up next to Socket.IO's session recoveries.
            var metricsAfter = await ApiAssert.Json(await admin.GetAsync("/api/v1/realtime/metrics"));
            Assert.Equal(SinceCount(metricsBefore) + pages, SinceCount(metricsAfter));
            Assert.All(events, e => Assert.True(e.Position > last));
            Assert.Equal(events.Count, events.Select(e => e.Position).Distinct().Count());
            Assert.Equal(50, events.Count(e => e.Name == "balance:updated" && e.Payload.GetProperty("customerId").GetGuid() == customer));
            Assert.Equal(upTo, (await after.WaitForEventAsync("connected")).ConnectedPosition());
            Assert.Equal(upTo, events[^1].Position);
        }
    }

    [Fact]
    public async Task Recovery_pages_and_loses_no_event_that_arrives_live_while_paging()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Paging Customer");
        var (client, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        long last;
        await using (client)
        {
            last = (await client.WaitForEventAsync("connected")).ConnectedPosition();
        }

        var missed = await HubRecovery.RecordPaymentsAsync(admin, customer, 20);
        var (again, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (again)
        {
            // Twenty more payments are recorded while the app pages through the sixty-odd missed events, five at a time.
            var during = HubRecovery.RecordPaymentsAsync(admin, customer, 20);
            var (events, upTo, pages) = await HubRecovery.SinceAsync(again, last, max: 5);
            var more = await during;
            await again.WaitForEventAsync("payment:added", x => x.Is("id", more[^1]));

            Assert.True(pages > 1, $"one page of {events.Count}");
            var applied = HubRecovery.Apply(events, upTo, again);
            Assert.Equal([.. missed, .. more], applied.PaymentIds());
            Assert.Equal(applied.Count, applied.Select(e => e.Position).Distinct().Count());
        }
    }

    [Fact]
    public async Task A_customers_app_recovers_only_its_own_customers_events()
    {
        using var admin = await app.AdminClientAsync();
        var customerA = await ApiScenario.CreateCustomerAsync(admin, "Recovering A");
        var customerB = await ApiScenario.CreateCustomerAsync(admin, "Other B");
        var (emailA, passwordA) = await ApiScenario.CreateUserAsync(admin, "Customer", customerA);
        var (a, _) = await HubScenario.ConnectAsync(app, emailA, passwordA);
        long last;
        await using (a)
        {
            last = (await a.WaitForEventAsync("connected")).ConnectedPosition();
        }

        var paidA = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            paidA.AddRange(await HubRecovery.RecordPaymentsAsync(admin, customerA, 1));
            await HubRecovery.RecordPaymentsAsync(admin, customerB, 1);
        }

        await admin.PutAsJsonAsync($"/api/v1/customers/{customerB}", new { name = "Other B renamed" });

        var (back, _) = await HubScenario.ConnectAsync(app, emailA, passwordA);
        await using (back)
        {
            var (events, _, _) = await HubRecovery.SinceAsync(back, last);
            Assert.Equal(paidA, events.PaymentIds());
            // Each payment of A's: the payment, A's balance, and A's notification of it (under both its names).
            Assert.All(events, e => Assert.True(e.Name is "payment:added" or "balance:updated" or "notification:new" or "notification", e.Name));
            Assert.All(events, e => Assert.Equal(customerA,
                (e.Name.StartsWith("notification", StringComparison.Ordinal) ? e.Payload.GetProperty("data") : e.Payload).GetProperty("customerId").GetGuid()));
        }
    }

    [Fact]
    public async Task Connected_carries_the_position_of_the_last_event_and_live_events_continue_after_it()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Position Customer");
        await HubRecovery.RecordPaymentsAsync(admin, customer, 2);
        var newest = await WaitForQuietLogAsync();

        var (client, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (client)
        {
            var position = (await client.WaitForEventAsync("connected")).ConnectedPosition();
            Assert.Equal(newest, position);

            var next = (await HubRecovery.RecordPaymentsAsync(admin, customer, 1))[0];
            Assert.True((await client.WaitForEventAsync("payment:added", x => x.Is("id", next))).Position() > position);
            var (events, _, _) = await HubRecovery.SinceAsync(client, position);
            Assert.Equal([next], events.PaymentIds());
        }
    }

    [Fact]
    public async Task A_position_beyond_the_newest_event_or_no_position_is_refused()
    {
        var newest = await WaitForQuietLogAsync();
        var (client, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (client)
        {
            var future = await client.InvokeAsync("events:since", new { position = newest + 1_000 });
            Assert.Equal("GAP_TOO_OLD", future.ErrorCode());
            Assert.Equal("GAP_TOO_OLD", (await client.WaitForEventAsync("error"))[0].GetProperty("code").GetString());
            Assert.Equal("VALIDATION_FAILED", (await client.InvokeAsync("events:since", new { position = -1 })).ErrorCode());
            Assert.Equal("VALIDATION_FAILED", (await client.InvokeAsync("events:since", new { since = 3 })).ErrorCode());
            Assert.Equal("VALIDATION_FAILED", (await client.InvokeAsync("events:since", new { position = 0, max = 5_000 })).ErrorCode());
            Assert.True(client.Connected);
        }
    }

    /// <summary>The newest log position, once every committed event has been published.</summary>
    private async Task<long> WaitForQuietLogAsync()
    {
        var events = app.Services.GetRequiredService<IEventAggregator>();
        for (var i = 0; i < 100; i++)
        {
            await using var db = app.Db();
            var newest = await db.EventLog.MaxAsync(e => (long?)e.Position) ?? 0;
            if (events.LastPublished == newest)
            {
                return newest;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The aggregator did not catch up with the log.");
    }

    private static long SinceCount(System.Text.Json.JsonElement metrics) =>
        metrics.GetProperty("recoveries").TryGetProperty("events:since", out var n) ? n.GetInt64() : 0;
}
