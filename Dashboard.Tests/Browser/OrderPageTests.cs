using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Realtime;
using Dashboard.Tests.Realtime.SocketIO;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;

namespace Dashboard.Tests.Browser;

/// <summary>An order's page: its timeline, and its map's marker moving as the agent's app sends positions over Socket.IO.</summary>
public sealed class OrderPageTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_agents_positions_from_socket_io_client_move_the_marker_on_an_open_order_page()
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var customer = await Api.ApiScenario.CreateCustomerAsync(admin, $"Mapped {tag}");
        var product = await Api.ApiScenario.CreateProductAsync(admin, $"Butter {tag}", 560m, "kg");
        var (agentId, agentEmail, agentPassword) = await Api.ApiScenario.CreateUserWithIdAsync(admin, "Delivery");

        var id = (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/orders",
            new { customerId = customer, items = new[] { new { productId = product, quantity = 0.5 } }, deliveryDate = app.Today }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await ApiAssert.Json(await admin.PostAsync($"/api/v1/orders/{id}/confirm", null));
        await ApiAssert.Json(await admin.PostAsJsonAsync($"/api/v1/orders/{id}/assign", new { agentId }));

        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await OpenAsync(page, $"/orders/{id}");
        await Assertions.Expect(page.GetByTestId("order-status")).ToHaveTextAsync("confirmed");
        var map = page.GetByTestId("order-map");
        await Assertions.Expect(map.Locator(".leaflet-pane").First).ToBeAttachedAsync();

        await ApiAssert.Json(await admin.PostAsync($"/api/v1/orders/{id}/out-for-delivery", null));
        await Assertions.Expect(page.GetByTestId("order-status")).ToHaveTextAsync("out for delivery", new() { Timeout = TwoSeconds });
        await Assertions.Expect(page.GetByTestId("order-step")).ToHaveCountAsync(4);

        var (agent, _) = await SocketIOScenario.ConnectAsync(app, agentEmail, agentPassword);
        await using (agent)
        {
            Assert.Null((await agent.EmitWithAckAsync("delivery:location", new { orderId = id, latitude = 12.9352, longitude = 77.6245 }))[0].ErrorCode());
            await Assertions.Expect(map).ToHaveAttributeAsync("data-lat", "12.9352", new() { Timeout = TwoSeconds });
            await Task.Delay(1000);
            Assert.Null((await agent.EmitWithAckAsync("delivery:location", new { orderId = id, latitude = 12.9360, longitude = 77.6251 }))[0].ErrorCode());
            await Assertions.Expect(map).ToHaveAttributeAsync("data-lat", "12.936", new() { Timeout = TwoSeconds });
            await Assertions.Expect(map).ToHaveAttributeAsync("data-moves", "2");
            await Assertions.Expect(map.Locator("path.leaflet-interactive")).Not.ToHaveCountAsync(0);
            await page.SetViewportSizeAsync(1280, 800);
            await DemoScreens.SaveAsync(page, "order.png");
        }

        await page.Context.CloseAsync();
    }
}
