using System.Net;
using System.Net.Http.Json;
using Dashboard.Domain.Common;
using Dashboard.Domain.Users;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Notifications;

/// <summary>
/// The last two rows of the rules table: a low-stock alert notifies staff (once per crossing, as the alert is raised),
/// never a customer or an agent; an offer switched on notifies every active customer user and no one else.
/// </summary>
public sealed class StockAndOfferNotificationTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task A_product_falling_below_its_minimum_notifies_staff_once_per_crossing_and_no_customer_or_agent()
    {
        using var admin = await app.AdminClientAsync();
        var name = $"Paneer {Guid.NewGuid():N}"[..16];
        var (staffId, staffEmail, staffPassword) = await ApiScenario.CreateUserWithIdAsync(admin, Roles.Staff);
        var (agentId, _, _) = await ApiScenario.CreateUserWithIdAsync(admin, Roles.Delivery);
        using var staff = await app.ClientAsync(staffEmail, staffPassword);
        var product = (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/products", new { name, unit = "piece", price = 95, minStock = 10 }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ApiAssert.Json(await staff.PostAsJsonAsync("/api/v1/stock/receipts", new { productId = product, quantity = 20 }), HttpStatusCode.Created);

        await ApiAssert.Json(await staff.PostAsJsonAsync("/api/v1/stock/adjustments", new { productId = product, quantity = -12, reason = "spoilt" }), HttpStatusCode.Created);
        await ApiAssert.Json(await staff.PostAsJsonAsync("/api/v1/stock/adjustments", new { productId = product, quantity = -1, reason = "spoilt" }), HttpStatusCode.Created);
        // (A product created with a minimum and nothing in stock alerted critical at once; the crossing below is medium.)
        var first = (await RowsAsync($"Low stock: {name}")).Where(r => r.Message.Contains("(medium)")).ToList();
        // Every active Admin and Staff user but the one who adjusted, once (not again at 7 left).
        Assert.Equal((await NotificationAudience.ActiveStaffAsync(app)).Where(id => id != staffId), first.Select(r => r.UserId).Order(StringComparer.Ordinal));
        Assert.All(first, r => Assert.Contains("8 piece left, below the minimum of 10 (medium)", r.Message));
        Assert.DoesNotContain(first, r => r.UserId == agentId);

        // Worse: to nothing left — a second, critical notification.
        await ApiAssert.Json(await staff.PostAsJsonAsync("/api/v1/stock/adjustments", new { productId = product, quantity = -7, reason = "returned" }), HttpStatusCode.Created);
        var all = await RowsAsync($"Low stock: {name}");
        var worse = all.Where(r => r.Id.CompareTo(first.Max(f => f.Id)) > 0).ToList();
        Assert.Equal(first.Select(r => r.UserId).Order(StringComparer.Ordinal), worse.Select(r => r.UserId).Order(StringComparer.Ordinal));
        Assert.All(worse, r => Assert.Equal((true, Dashboard.Domain.Notifications.NotificationType.Error), (r.Message.Contains("(critical)"), r.Type)));
    }

    [Fact]
    public async Task An_offer_switched_on_notifies_every_active_customer_user_and_no_staff_or_agent()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Offer Reader");
        var (customerUser, _, _) = await ApiScenario.CreateUserWithIdAsync(admin, Roles.Customer, customer);
        var (disabledUser, _, _) = await ApiScenario.CreateUserWithIdAsync(admin, Roles.Customer, customer);
        await ApiAssert.Json(await admin.PostAsync($"/api/v1/users/{disabledUser}/disable", null));
        var code = $"N{Guid.NewGuid():N}"[..10].ToUpperInvariant();

        var id = (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/offers",
            new { code, description = "Ghee 5% off", discountType = "percent", discountValue = 5, isActive = false }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        Assert.Empty(await RowsAsync($"New offer: {code}"));

        await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/offers/{id}", new { isActive = true }));
        var rows = await RowsAsync($"New offer: {code}");
        Assert.Equal(await NotificationAudience.ActiveCustomerUsersAsync(app), rows.Select(r => r.UserId).Order(StringComparer.Ordinal));
        Assert.Contains(rows, r => r.UserId == customerUser && r.Message == "Ghee 5% off");
        Assert.DoesNotContain(rows, r => r.UserId == disabledUser);
    }

    private async Task<List<Dashboard.Domain.Notifications.NotificationEntity>> RowsAsync(string title)
    {
        await using var db = app.Db();
        return await db.Notifications.Where(n => n.Title == title).OrderBy(n => n.Id).ToListAsync();
    }
}
