using System.Net;
using System.Net.Http.Json;
using Dashboard.Domain.Common;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;

namespace Dashboard.Tests.Notifications;

/// <summary>The header's bell in two tabs of one staff user: a new order lights both; opening it in one follows its link and clears the other.</summary>
public sealed class NotificationBellTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_new_order_counts_on_the_bell_in_both_tabs_and_opening_it_in_one_goes_to_the_order_and_clears_the_other()
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var customer = await ApiScenario.CreateCustomerAsync(admin, $"Bell {tag}");
        var product = await ApiScenario.CreateProductAsync(admin, $"Ghee {tag}", 250m);
        var (customerEmail, customerPassword) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, customer);
        var (staffEmail, staffPassword) = await ApiScenario.CreateUserAsync(admin, Roles.Staff);
        using var customerApp = await app.ClientAsync(customerEmail, customerPassword);

        var first = await browser.SignedInPageAsync(app.BaseAddress, staffEmail, staffPassword);
        var second = await first.Context.NewPageAsync();
        await second.GotoAsync("/");
        await BrowserFixture.WaitLiveAsync(second);
        foreach (var tab in new[] { first, second })
        {
            await Assertions.Expect(tab.GetByTestId("notification-toggle")).ToHaveAttributeAsync("aria-label", "Notifications");
            await Assertions.Expect(tab.GetByTestId("notification-count")).ToHaveCountAsync(0);
        }

        var order = await ApiAssert.Json(await customerApp.PostAsJsonAsync("/api/v1/orders", new { items = new[] { new { productId = product, quantity = 1 } } }),
            HttpStatusCode.Created);
        var (id, number) = (order.GetProperty("id").GetGuid(), order.GetProperty("number").GetInt32());
        foreach (var tab in new[] { first, second })
        {
            await Assertions.Expect(tab.GetByTestId("notification-count")).ToHaveTextAsync("1", new() { Timeout = TwoSeconds });
        }

        await first.GetByTestId("notification-toggle").ClickAsync();
        var item = first.GetByTestId("notification-menu").GetByTestId("notification-item").First;
        await Assertions.Expect(item.GetByTestId("notification-title")).ToHaveTextAsync($"New order #{number}");
        await Assertions.Expect(item.GetByTestId("notification-message")).ToContainTextAsync($"Bell {tag}: Ghee {tag} × 1");
        await item.ClickAsync();

        await Assertions.Expect(first).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/orders/{id}$"));
        await Assertions.Expect(second.GetByTestId("notification-count")).ToHaveCountAsync(0, new() { Timeout = TwoSeconds });
        await Assertions.Expect(first.GetByTestId("notification-count")).ToHaveCountAsync(0);
        await second.GetByTestId("notification-toggle").ClickAsync();
        await Assertions.Expect(second.GetByTestId("notification-item").First).ToHaveAttributeAsync("data-read", "true");

        await using var db = app.Db();
        var staffId = (await db.Users.SingleAsync(u => u.Email == staffEmail)).Id;
        Assert.NotNull((await db.Notifications.SingleAsync(n => n.UserId == staffId)).ReadAt);
        await first.Context.CloseAsync();
    }
}
