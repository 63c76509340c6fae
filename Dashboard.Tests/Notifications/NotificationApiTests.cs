using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Domain.Common;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Notifications;

/// <summary>A user's notifications over REST: newest first a page at a time, the unread ones, marking one and all read — their own only.</summary>
public sealed class NotificationApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task Pages_come_newest_first_with_the_unread_count_and_marking_one_then_all_read_counts_down_to_zero()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, $"Pager {Guid.NewGuid():N}");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, customer);
        using var me = await app.ClientAsync(email, password);
        for (var i = 1; i <= 25; i++)
        {
            await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount = i, method = "CASH" }), HttpStatusCode.Created);
        }

        var first = await ApiAssert.Json(await me.GetAsync("/api/v1/notifications?pageSize=10"));
        Assert.Equal((25, 25, 1, 10), (Int(first, "total"), Int(first, "unread"), Int(first, "page"), Int(first, "pageSize")));
        Assert.Equal(Enumerable.Range(16, 10).Reverse().Select(i => $"₹{i}.00"), Amounts(first));
        var last = await ApiAssert.Json(await me.GetAsync("/api/v1/notifications?pageSize=10&page=3"));
        Assert.Equal(["₹5.00", "₹4.00", "₹3.00", "₹2.00", "₹1.00"], Amounts(last));
        var newest = first.GetProperty("items")[0];
        Assert.Equal(("success", false), (newest.GetProperty("type").GetString(), newest.GetProperty("read").GetBoolean()));

        var id = newest.GetProperty("id").GetGuid();
        var marked = await ApiAssert.Json(await me.PostAsync($"/api/v1/notifications/{id}/read", null));
        Assert.True(marked.GetProperty("read").GetBoolean());
        await ApiAssert.Json(await me.PostAsync($"/api/v1/notifications/{id}/read", null)); // again: no change
        var unread = await ApiAssert.Json(await me.GetAsync("/api/v1/notifications?unread=true&pageSize=100"));
        Assert.Equal((24, 24), (Int(unread, "total"), Int(unread, "unread")));
        Assert.DoesNotContain(unread.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetGuid() == id);

        Assert.Equal(24, Int(await ApiAssert.Json(await me.PostAsync("/api/v1/notifications/read-all", null)), "read"));
        Assert.Equal(0, Int(await ApiAssert.Json(await me.PostAsync("/api/v1/notifications/read-all", null)), "read"));
        var after = await ApiAssert.Json(await me.GetAsync("/api/v1/notifications"));
        Assert.Equal((25, 0, 20), (Int(after, "total"), Int(after, "unread"), after.GetProperty("items").GetArrayLength()));
        Assert.Equal(0, Int(await ApiAssert.Json(await me.GetAsync("/api/v1/notifications?unread=true")), "total"));
    }

    [Fact]
    public async Task Another_user_neither_sees_nor_marks_a_customer_s_notification_and_bad_paging_is_refused()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, $"Private {Guid.NewGuid():N}");
        var other = await ApiScenario.CreateCustomerAsync(admin, $"Nosy {Guid.NewGuid():N}");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, customer);
        var (otherEmail, otherPassword) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, other);
        using var me = await app.ClientAsync(email, password);
        using var nosy = await app.ClientAsync(otherEmail, otherPassword);
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount = 7, method = "CASH" }), HttpStatusCode.Created);
        var id = (await ApiAssert.Json(await me.GetAsync("/api/v1/notifications"))).GetProperty("items")[0].GetProperty("id").GetGuid();

        Assert.Equal(0, Int(await ApiAssert.Json(await nosy.GetAsync("/api/v1/notifications")), "total"));
        await ApiAssert.Problem(await nosy.PostAsync($"/api/v1/notifications/{id}/read", null), HttpStatusCode.NotFound, "NOT_FOUND");
        await ApiAssert.Problem(await admin.PostAsync($"/api/v1/notifications/{id}/read", null), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal(0, Int(await ApiAssert.Json(await nosy.PostAsync("/api/v1/notifications/read-all", null)), "read"));
        Assert.Equal(1, Int(await ApiAssert.Json(await me.GetAsync("/api/v1/notifications")), "unread"));

        await ApiAssert.Problem(await me.GetAsync("/api/v1/notifications?pageSize=0"), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await ApiAssert.Problem(await me.GetAsync("/api/v1/notifications?pageSize=101"), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await ApiAssert.Problem(await me.GetAsync("/api/v1/notifications?page=0"), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    private static int Int(JsonElement json, string property) => json.GetProperty(property).GetInt32();

    private static IEnumerable<string> Amounts(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("message").GetString()!.Split(' ')[0]);
}
