using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>
/// The apps' hub has a per-connection rate limit and message cap; a browser tab's own Blazor connection must not:
/// a fast typist sends far more than the apps' burst of messages a second.
/// </summary>
public sealed class CircuitTrafficTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_burst_of_keystrokes_far_over_the_apps_rate_limit_keeps_the_page_connected_and_answered()
    {
        using var admin = await app.AdminClientAsync();
        await ApiScenario.CreateCustomerAsync(admin, "Rapid Ravi");
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.GetByTestId("nav-customers").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-row")).ToHaveCountAsync(1);
        await page.EvaluateAsync("""
            () => {
                window.__states = [];
                const badge = document.querySelector('[data-testid=live-status]');
                new MutationObserver(() => window.__states.push(badge.dataset.state)).observe(badge, { attributes: true, attributeFilter: ['data-state'] });
            }
            """);

        // 150 keystrokes with no pause: each is an input and a keydown event on the circuit, plus the render acks.
        await page.GetByTestId("customer-search").PressSequentiallyAsync(new string('q', 150));
        await Assertions.Expect(page.GetByTestId("customer-row")).ToHaveCountAsync(0);
        await page.GetByTestId("customer-search").FillAsync("Rapid");
        await Assertions.Expect(page.GetByTestId("customer-row")).ToHaveCountAsync(1);

        var states = await page.EvaluateAsync<string[]>("() => window.__states");
        Assert.True(states.All(s => s == "live"), $"the page's connection dropped: {string.Join(" -> ", states)}");
        await Assertions.Expect(page.GetByTestId("live-status")).ToHaveAttributeAsync("data-state", "live");
        await page.Context.CloseAsync();
    }
}
