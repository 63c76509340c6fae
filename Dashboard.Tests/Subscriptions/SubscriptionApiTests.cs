using System.Net;
using System.Net.Http.Json;
using Dashboard.Domain.Common;
using Dashboard.Tests.Api;
using Dashboard.Tests.Realtime;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Subscriptions;

/// <summary>
/// Subscriptions over REST and both hubs: the office sets days and changes, a customer's app pauses its own; every change
/// goes out as <c>subscription:updated</c> to staff and to that customer only.
/// </summary>
public sealed class SubscriptionApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);
    private static readonly string[] Weekend = ["sat", "sun"];
    private static readonly string[] Funday = ["funday"];

    [Fact]
    public async Task The_office_sets_days_and_a_change_from_a_date_over_rest_and_bad_input_is_a_400_with_its_field_and_nothing_written()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Rest Subscriber");
        var path = $"/api/v1/customers/{customer}/subscription";

        var fresh = await ApiAssert.Json(await admin.GetAsync(path));
        Assert.Equal(("daily", "morning", 0), (fresh.GetProperty("pattern").GetString(), fresh.GetProperty("shift").GetString(), fresh.GetProperty("version").GetInt32()));
        Assert.Equal(7, fresh.GetProperty("next").GetArrayLength());
        Assert.Equal("delivery", fresh.GetProperty("next")[0].GetProperty("kind").GetString());

        var set = await ApiAssert.Json(await admin.PutAsJsonAsync(path, new { pattern = "weekdays", weekdays = Weekend, shift = "evening", version = 0 }));
        Assert.Equal(["sat", "sun"], set.GetProperty("weekdays").EnumerateArray().Select(d => d.GetString()));
        var change = await ApiAssert.Json(await admin.PostAsJsonAsync($"{path}/changes", new { from = app.Today.AddDays(2), quantity = 1.5 }));
        var changeId = change.GetProperty("changes")[0].GetProperty("id").GetGuid();

        var bad = await ApiAssert.Problem(await admin.PutAsJsonAsync(path, new { pattern = "weekdays", weekdays = Funday, version = 1 }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Contains("funday", bad.GetProperty("errors").GetProperty("weekdays")[0].GetString());
        await ApiAssert.Problem(await admin.PutAsJsonAsync(path, new { pattern = "daily", version = 0 }), HttpStatusCode.Conflict, "CONFLICT");
        await ApiAssert.Problem(await admin.PostAsJsonAsync($"{path}/pauses", new { from = app.Today.AddDays(-3), to = app.Today }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await ApiAssert.Problem(await admin.DeleteAsync($"{path}/pauses/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "NOT_FOUND");

        var now = await ApiAssert.Json(await admin.GetAsync(path));
        Assert.Equal(("weekdays", "evening", 1), (now.GetProperty("pattern").GetString(), now.GetProperty("shift").GetString(), now.GetProperty("version").GetInt32()));
        Assert.Equal(0, now.GetProperty("pauses").GetArrayLength());
        var taken = await ApiAssert.Json(await admin.DeleteAsync($"{path}/changes/{changeId}"));
        Assert.Equal(0, taken.GetProperty("changes").GetArrayLength());
    }

    [Theory]
    [InlineData("socket.io", "signalr")]
    [InlineData("signalr", "socket.io")]
    public async Task A_customer_s_app_pauses_its_own_milk_staff_and_its_other_app_hear_it_and_b_and_an_agent_hear_nothing(string customerApp, string otherApp)
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var a = await ApiScenario.CreateCustomerAsync(admin, $"Pause A {tag}", route: "North");
        var b = await ApiScenario.CreateCustomerAsync(admin, $"Pause B {tag}", route: "North");
        var (emailA, passwordA) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, a);
        var (emailB, passwordB) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, b);
        var (staffEmail, staffPassword) = await ApiScenario.CreateUserAsync(admin, Roles.Staff);
        var (agentEmail, agentPassword) = await ApiScenario.CreateUserAsync(admin, Roles.Delivery, routes: ["North"]);
        await using var appA = await BothTransports.ConnectAsync(app, customerApp, emailA, passwordA);
        await using var otherAppA = await BothTransports.ConnectAsync(app, otherApp, emailA, passwordA);
        await using var appB = await BothTransports.ConnectAsync(app, customerApp, emailB, passwordB);
        await using var staff = await BothTransports.ConnectAsync(app, otherApp, staffEmail, staffPassword);
        await using var agent = await BothTransports.ConnectAsync(app, customerApp, agentEmail, agentPassword);

        var from = app.Today.AddDays(1);
        var paused = await BothTransports.CallAsync(appA, "subscription:pause", new { from, to = from.AddDays(4), reason = "Holiday" });
        Assert.Null(paused.ErrorCode());
        Assert.Equal(a, paused.GetProperty("customerId").GetGuid());
        var pause = paused.GetProperty("pauses")[0];
        Assert.Equal(("Holiday", from.AddDays(4)), (pause.GetProperty("reason").GetString(), DateOnly.Parse(pause.GetProperty("to").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("paused", paused.GetProperty("next")[1].GetProperty("kind").GetString());
        foreach (var client in new[] { staff, otherAppA })
        {
            var heard = (await client.WaitForEventAsync("subscription:updated", s => s[0].GetProperty("customerId").GetGuid() == a))[0];
            Assert.Equal(1, heard.GetProperty("pauses").GetArrayLength());
        }

        // Reading it back; B may neither read nor end A's pause, and an agent may not pause anyone.
        var mine = await BothTransports.CallAsync(appA, "subscription:get", new { });
        Assert.Equal(pause.GetProperty("id").GetGuid(), mine.GetProperty("pauses")[0].GetProperty("id").GetGuid());
        Assert.Equal("FORBIDDEN", (await BothTransports.CallAsync(appB, "subscription:get", new { customerId = a })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await BothTransports.CallAsync(appB, "subscription:resume", new { customerId = a, pauseId = pause.GetProperty("id").GetGuid() })).ErrorCode());
        Assert.Equal("NOT_FOUND", (await BothTransports.CallAsync(appB, "subscription:resume", new { pauseId = pause.GetProperty("id").GetGuid() })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await BothTransports.CallAsync(agent, "subscription:pause", new { customerId = a, from, to = from })).ErrorCode());
        Assert.Equal("VALIDATION_FAILED", (await BothTransports.CallAsync(appA, "subscription:pause", new { from = app.Today.AddDays(-1), to = from })).ErrorCode());
        Assert.Equal("VALIDATION_FAILED", (await BothTransports.CallAsync(appA, "subscription:resume", new { })).ErrorCode());
        Assert.Equal("CONFLICT", (await BothTransports.CallAsync(appA, "subscription:pause", new { from = from.AddDays(2), to = from.AddDays(9) })).ErrorCode());

        // The office's REST change reaches the app live too.
        await ApiAssert.Json(await admin.PostAsJsonAsync($"/api/v1/customers/{a}/subscription/changes", new { from = app.Today.AddDays(10), quantity = 2 }));
        await appA.WaitForEventAsync("subscription:updated", s => s[0].GetProperty("changes").GetArrayLength() == 1);

        // The app ends its pause: pending again, heard by staff.
        var resumed = await BothTransports.CallAsync(appA, "subscription:resume", new { pauseId = pause.GetProperty("id").GetGuid() });
        Assert.Equal(0, resumed.GetProperty("pauses").GetArrayLength());
        await staff.WaitForEventAsync("subscription:updated", s => s[0].GetProperty("customerId").GetGuid() == a && s[0].GetProperty("pauses").GetArrayLength() == 0);

        await appB.AssertNoEventAsync("subscription:updated", null, Quiet);
        await agent.AssertNoEventAsync("subscription:updated", null, TimeSpan.Zero);

        await using var db = app.Db();
        Assert.Equal(0, await db.SubscriptionPauses.CountAsync(p => p.CustomerId == a || p.CustomerId == b));
    }

    [Fact]
    public async Task A_customer_reads_and_pauses_only_its_own_subscription_over_rest()
    {
        using var admin = await app.AdminClientAsync();
        var a = await ApiScenario.CreateCustomerAsync(admin, "Rest Pause A");
        var b = await ApiScenario.CreateCustomerAsync(admin, "Rest Pause B");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, a);
        using var customer = await app.ClientAsync(email, password);

        var from = app.Today.AddDays(2);
        var paused = await ApiAssert.Json(await customer.PostAsJsonAsync($"/api/v1/customers/{a}/subscription/pauses", new { from, to = from }));
        Assert.Equal(1, paused.GetProperty("pauses").GetArrayLength());
        await ApiAssert.Problem(await customer.PostAsJsonAsync($"/api/v1/customers/{b}/subscription/pauses", new { from, to = from }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await customer.GetAsync($"/api/v1/customers/{b}/subscription"), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await customer.PostAsJsonAsync($"/api/v1/customers/{a}/subscription/changes", new { from, quantity = 5 }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await using var db = app.Db();
        Assert.Equal(0, await db.SubscriptionPauses.CountAsync(p => p.CustomerId == b));
        Assert.Equal(0, await db.SubscriptionChanges.CountAsync(p => p.CustomerId == a));
    }
}
