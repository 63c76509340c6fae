using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Realtime;
using Dashboard.Tests.Realtime.SocketIO;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;

namespace Dashboard.Tests.Browser;

/// <summary>The agents' overview, live: a status set from the agent's app and the positions it sends show at once.</summary>
public sealed class AgentsPageTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_agents_status_and_position_from_their_app_show_on_the_open_agents_page()
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var customer = await Api.ApiScenario.CreateCustomerAsync(admin, $"Agents page {tag}");
        var product = await Api.ApiScenario.CreateProductAsync(admin, $"Curd {tag}", 30m);
        var (agentId, agentEmail, agentPassword) = await Api.ApiScenario.CreateUserWithIdAsync(admin, "Delivery", routes: [$"Route {tag}"]);

        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.GetByTestId("nav-agents").ClickAsync();
        var row = page.Locator($"[data-testid=agent-row][data-agent-id='{agentId}']");
        await Assertions.Expect(row.GetByTestId("agent-status")).ToHaveTextAsync("off duty");
        await Assertions.Expect(row).ToContainTextAsync($"Route {tag}");
        await MarkDocumentAsync(page);

        var (agent, _) = await SocketIOScenario.ConnectAsync(app, agentEmail, agentPassword);
        await using (agent)
        {
            Assert.Null((await agent.EmitWithAckAsync("delivery:status", new { status = "available" }))[0].ErrorCode());
            await Assertions.Expect(row.GetByTestId("agent-status")).ToHaveTextAsync("available", new() { Timeout = TwoSeconds });

            var id = (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/orders",
                new { customerId = customer, items = new[] { new { productId = product, quantity = 1 } }, deliveryDate = app.Today }), HttpStatusCode.Created))
                .GetProperty("id").GetGuid();
            await ApiAssert.Json(await admin.PostAsync($"/api/v1/orders/{id}/confirm", null));
            await ApiAssert.Json(await admin.PostAsJsonAsync($"/api/v1/orders/{id}/assign", new { agentId }));
            await ApiAssert.Json(await admin.PostAsync($"/api/v1/orders/{id}/out-for-delivery", null));
            await Assertions.Expect(row.GetByTestId("agent-status")).ToHaveTextAsync("on delivery", new() { Timeout = TwoSeconds });
            await Assertions.Expect(row.GetByTestId("agent-order").GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", $"/orders/{id}");

            Assert.Null((await agent.EmitWithAckAsync("delivery:location", new { orderId = id, latitude = 12.98, longitude = 77.6 }))[0].ErrorCode());
            await Assertions.Expect(row.GetByTestId("agent-position")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[0-4] s ago$"), new() { Timeout = TwoSeconds });
            // With no new position the age keeps counting: an agent whose app went quiet shows it.
            await Assertions.Expect(row.GetByTestId("agent-position")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^([5-9]|1[0-9]) s ago$"), new() { Timeout = 15_000 });
            await Assertions.Expect(page.GetByTestId("agents-map")).ToHaveAttributeAsync("data-markers", "1");
            await AssertSameDocumentAsync(page);
            await page.SetViewportSizeAsync(1280, 700);
            await DemoScreens.SaveAsync(page, "agents.png");
        }

        await page.Context.CloseAsync();
    }
}
