using System.Net.Http.Json;
using Dashboard.Components.Shared;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>A host whose subscribers may fall only 3 events behind: every burst overflows every page and relay.</summary>
public sealed class TinyQueueApp : DashboardApp
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Realtime:Aggregator:QueueCapacity"] = "3" };
}

public sealed class FallingBehindTests(TinyQueueApp app, BrowserFixture browser) : IClassFixture<TinyQueueApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_page_and_an_app_that_fall_behind_a_burst_end_up_with_what_the_database_holds_and_the_page_says_it_reloaded()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Burst Bhavani");
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.EvaluateAsync("() => window.__sameDocument = true");
        await using var hub = await SignalRClient.ConnectAsync(app.BaseAddress, await app.TokenAsync(DashboardApp.AdminEmail, app.AdminPassword));

        // Concurrent, so that they share commits and arrive as one burst of events.
        var amounts = Enumerable.Range(1, 120).Select(i => 100m + i).ToList();
        await Task.WhenAll(amounts.Select(amount => Task.Run(async () =>
            (await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount, method = "CASH" })).EnsureSuccessStatusCode())));

        await Assertions.Expect(page.GetByTestId("toast").Filter(new() { HasText = LiveComponentBase.ReloadedAfterFallingBehind }))
            .ToBeVisibleAsync(new() { Timeout = 10_000 });
        List<string> newest;
        await using (var db = app.Db())
        {
            newest = await db.Activity.OrderByDescending(a => a.Id).Take(20).Select(a => a.Summary).ToListAsync();
        }

        var feed = page.GetByTestId("activity-feed").GetByTestId("activity-item");
        await Assertions.Expect(feed).ToHaveCountAsync(20);
        for (var i = 0; i < 20; i++)
        {
            await Assertions.Expect(feed.Nth(i)).ToContainTextAsync(newest[i]);
        }

        await Assertions.Expect(page.GetByTestId("stat-total-collection")).ToContainTextAsync(amounts.Sum().ToString("N2", System.Globalization.CultureInfo.GetCultureInfo("en-IN")));
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));

        // The app's relay fell behind too, and caught up from the log: every payment, once, in order.
        await Eventually.TrueAsync(() => hub.Events.Count(e => e.Name == "payment:added") >= 120, "120 payment:added");
        await Task.Delay(500);
        var received = hub.Events.Where(e => e.Name == "payment:added").ToList();
        Assert.Equal(120, received.Count);
        Assert.Equal(amounts.Order(), received.Select(e => e.Args[0].GetProperty("amount").GetDecimal()).Order());
        var positions = received.Select(e => e.Args[1].GetInt64()).ToList();
        Assert.Equal(positions.Order(), positions);
        await page.Context.CloseAsync();
    }
}
