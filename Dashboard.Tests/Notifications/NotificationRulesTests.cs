using System.Net;
using System.Net.Http.Json;
using Dashboard.Domain.Common;
using Dashboard.Domain.Notifications;
using Dashboard.Domain.Users;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Notifications;

/// <summary>
/// Each row of the rules table, through the real API: exactly the right users get a row — staff (every active Admin and
/// Staff user, never the one who did it), the order's or payment's customer's own users, the agent given the order —
/// and nobody else: no other customer, no agent, no disabled user, no customer without a user.
/// </summary>
public sealed class NotificationRulesTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task A_new_order_notifies_every_active_staff_user_but_its_placer_and_no_agent_customer_or_disabled_user()
    {
        var s = await SceneAsync();
        var (disabledId, _, _) = await ApiScenario.CreateUserWithIdAsync(s.Admin, Roles.Staff);
        await ApiAssert.Json(await s.Admin.PostAsync($"/api/v1/users/{disabledId}/disable", null));

        var byCustomer = await PlaceAsync(s.Customer);
        Assert.Equal(await NotificationAudience.ActiveStaffAsync(app), await RecipientsAsync(byCustomer, ""));

        var byStaff = await PlaceAsync(s.Staff, s.CustomerId);
        Assert.Equal((await NotificationAudience.ActiveStaffAsync(app)).Where(id => id != s.StaffId), await RecipientsAsync(byStaff, ""));
        Assert.DoesNotContain(disabledId, await RecipientsAsync(byCustomer, ""));
        Assert.All(await RowsAsync(byCustomer), r => Assert.Equal($"New order #{r.Title.Split('#')[1]}", r.Title));
    }

    [Fact]
    public async Task Each_move_of_an_order_notifies_its_customer_s_users_its_agent_when_given_it_and_staff_when_it_is_cancelled()
    {
        var s = await SceneAsync();
        var order = await PlaceAsync(s.Customer);
        await ApiAssert.Json(await s.Staff.PostAsync($"/api/v1/orders/{order}/confirm", null));
        await ApiAssert.Json(await s.Staff.PostAsJsonAsync($"/api/v1/orders/{order}/assign", new { agentId = s.AgentId }));
        await ApiAssert.Json(await s.Agent.PostAsync($"/api/v1/orders/{order}/out-for-delivery", null));
        await ApiAssert.Json(await s.Agent.PostAsync($"/api/v1/orders/{order}/deliver", null));

        var rows = await RowsAsync(order);
        Assert.Equal(["confirmed", "is on its way", "delivered"],
            rows.Where(r => r.UserId == s.CustomerUserId).Select(r => r.Title.Split(' ', 3)[2]));
        Assert.Equal(["is yours"], rows.Where(r => r.UserId == s.AgentId).Select(r => r.Title.Split(' ', 3)[2]));
        Assert.DoesNotContain(rows, r => r.UserId == s.OtherUserId);

        var cancelled = await PlaceAsync(s.Customer);
        await ApiAssert.Json(await s.Staff.PostAsJsonAsync($"/api/v1/orders/{cancelled}/cancel", new { reason = "out of curd" }));
        // Its customer through the status change, staff (but the canceller) through the cancellation: one row each.
        Assert.Equal((await NotificationAudience.ActiveStaffAsync(app)).Where(id => id != s.StaffId).Append(s.CustomerUserId).Order(StringComparer.Ordinal),
            await RecipientsAsync(cancelled, " cancelled"));
        Assert.Contains("is cancelled: out of curd", Assert.Single(await RowsAsync(cancelled), r => r.UserId == s.CustomerUserId).Message);

        // A customer who cancels their own order is not told of it; staff are.
        var own = await PlaceAsync(s.Customer);
        await ApiAssert.Json(await s.Customer.PostAsJsonAsync($"/api/v1/orders/{own}/cancel", new { reason = "changed my mind" }));
        Assert.Equal(await NotificationAudience.ActiveStaffAsync(app), await RecipientsAsync(own, " cancelled"));
    }

    [Fact]
    public async Task A_payment_notifies_each_user_of_its_customer_only_and_a_customer_without_a_user_gets_no_row()
    {
        var s = await SceneAsync();
        var (secondId, _, _) = await ApiScenario.CreateUserWithIdAsync(s.Admin, Roles.Customer, s.CustomerId);
        var loner = await ApiScenario.CreateCustomerAsync(s.Admin, $"No App {Guid.NewGuid():N}");
        await using (var before = app.Db())
        {
            var count = await before.Notifications.CountAsync();
            await ApiAssert.Json(await s.Staff.PostAsJsonAsync("/api/v1/payments", new { customerId = loner, amount = 40, method = "CASH" }), HttpStatusCode.Created);
            await using var after = app.Db();
            Assert.Equal(count, await after.Notifications.CountAsync());
        }

        var payment = (await ApiAssert.Json(await s.Staff.PostAsJsonAsync("/api/v1/payments", new { customerId = s.CustomerId, amount = 125, method = "BANK" }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();

        await using var db = app.Db();
        var rows = (await db.Notifications.ToListAsync()).Where(n => n.Data?.Contains(payment.ToString(), StringComparison.Ordinal) == true).ToList();
        Assert.Equal(new[] { s.CustomerUserId, secondId }.Order(), rows.Select(r => r.UserId).Order());
        Assert.All(rows, r => Assert.Equal(("Payment received", $"/customers/{s.CustomerId}"), (r.Title, r.Link)));
        Assert.All(rows, r => Assert.Contains("₹125.00 by Bank transfer", r.Message));
    }

    private async Task<Guid> PlaceAsync(HttpClient client, Guid? customerId = null) =>
        (await ApiAssert.Json(await client.PostAsJsonAsync("/api/v1/orders",
            new { customerId, items = new[] { new { productId = _product, quantity = 1 } } }), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private Guid _product;

    private async Task<List<NotificationEntity>> RowsAsync(Guid orderId)
    {
        await using var db = app.Db();
        var link = $"/orders/{orderId}";
        return await db.Notifications.Where(n => n.Link == link).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync();
    }

    /// <summary>The users with a row about the order whose title ends so, in id order.</summary>
    private async Task<List<string>> RecipientsAsync(Guid orderId, string titleEnd) =>
        [.. (await RowsAsync(orderId)).Where(r => r.Title.EndsWith(titleEnd, StringComparison.Ordinal)).Select(r => r.UserId).Order(StringComparer.Ordinal)];

    private sealed record Scene(HttpClient Admin, HttpClient Staff, string StaffId, HttpClient Customer, Guid CustomerId, string CustomerUserId,
        HttpClient Agent, string AgentId, string OtherUserId);

    private async Task<Scene> SceneAsync()
    {
        var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        _product = await ApiScenario.CreateProductAsync(admin, $"Curd {tag}", 30m);
        var customerId = await ApiScenario.CreateCustomerAsync(admin, $"Rules {tag}");
        var otherId = await ApiScenario.CreateCustomerAsync(admin, $"Other {tag}");
        var (customerUserId, customerEmail, customerPassword) = await ApiScenario.CreateUserWithIdAsync(admin, Roles.Customer, customerId);
        var (otherUserId, _, _) = await ApiScenario.CreateUserWithIdAsync(admin, Roles.Customer, otherId);
        var (staffId, staffEmail, staffPassword) = await ApiScenario.CreateUserWithIdAsync(admin, Roles.Staff);
        var (agentId, agentEmail, agentPassword) = await ApiScenario.CreateUserWithIdAsync(admin, Roles.Delivery);
        return new Scene(admin, await app.ClientAsync(staffEmail, staffPassword), staffId, await app.ClientAsync(customerEmail, customerPassword),
            customerId, customerUserId, await app.ClientAsync(agentEmail, agentPassword), agentId, otherUserId);
    }
}
