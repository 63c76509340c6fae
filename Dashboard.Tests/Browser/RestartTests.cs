using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dashboard.Auth;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

public sealed class RestartTests(AppProcess app, BrowserFixture browser) : IClassFixture<AppProcess>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Live_status_leaves_live_when_the_server_dies_and_returns_when_it_is_back()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, app.AdminEmail, app.AdminPassword);
        var status = page.GetByTestId("live-status");
        Assert.Equal("Live", (await status.TextContentAsync())?.Trim());

        await app.KillAsync();
        await Assertions.Expect(status).Not.ToHaveAttributeAsync("data-state", "live", new() { Timeout = 15_000 });
        var state = await status.GetAttributeAsync("data-state");
        Assert.True(state is "reconnecting" or "offline", state);
        await Assertions.Expect(page.GetByTestId("reconnect-banner")).ToContainTextAsync("may be out of date");
        if (Environment.GetEnvironmentVariable("DASHBOARD_SCREENSHOTS") is { Length: > 0 } dir)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, "reconnecting.png") });
        }

        await app.StartAsync();
        // The page reconnects (or reloads itself when the old circuit is gone); the cookie survives the restart.
        await BrowserFixture.WaitLiveAsync(page, 45_000);
        await Assertions.Expect(page.GetByTestId("reconnect-banner")).ToBeHiddenAsync();
        Assert.DoesNotContain("/account/login", page.Url, StringComparison.Ordinal);

        // And it is live again for real: a new write shows up without a reload.
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var token = await (await http.PostAsJsonAsync("/api/v1/auth/token", new { email = app.AdminEmail, password = app.AdminPassword }))
            .Content.ReadFromJsonAsync<TokenResponse>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        var customer = await (await http.PostAsJsonAsync("/api/v1/customers", new { name = "After Restart", defaultQuantity = 1, pricePerLiter = 50 }))
            .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        await http.PostAsJsonAsync("/api/v1/payments", new { customerId = customer.GetProperty("id").GetGuid(), amount = 77, method = "CASH" });
        await Assertions.Expect(page.GetByTestId("stat-total-collection")).ToContainTextAsync("77", new() { Timeout = 2_000 });
        await page.Context.CloseAsync();
    }
}
