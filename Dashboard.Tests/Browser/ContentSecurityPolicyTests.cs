using System.Collections.Concurrent;
using System.Net.Http.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.AnalyticsSteps;

namespace Dashboard.Tests.Browser;

/// <summary>The app's Content-Security-Policy against every page as Chromium runs it: nothing refused, everything still works.</summary>
public sealed class ContentSecurityPolicyTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    // Every document records what its policy refused; the console says it too (also for what happens before the script).
    private const string RecordViolations = """
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__violations.push(`${e.effectiveDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`));
        """;

    [Fact]
    public async Task No_page_has_anything_refused_by_the_policy_from_sign_in_to_sign_out()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Policy Priya");
        (await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, date = app.Today, quantity = 2 })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount = 40, method = "CASH", paymentDate = app.Today })).EnsureSuccessStatusCode();

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        await context.AddInitScriptAsync(RecordViolations);
        var page = await context.NewPageAsync();
        var console = new ConcurrentQueue<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Text.StartsWith("Refused to", StringComparison.Ordinal))
            {
                console.Enqueue($"{page.Url}: {m.Text}");
            }
        };
        var refused = new List<string>();
        async Task CollectAsync() => refused.AddRange((await page.EvaluateAsync<string[]>("() => window.__violations")).Select(v => $"{page.Url}: {v}"));

        await page.GotoAsync("/account/login");
        await page.GetByTestId("login-email").FillAsync(DashboardApp.AdminEmail);
        await page.GetByTestId("login-password").FillAsync(app.AdminPassword);
        await CollectAsync();
        await page.GetByTestId("login-submit").ClickAsync();
        await BrowserFixture.WaitLiveAsync(page);
        await CollectAsync();

        foreach (var path in new[] { "/customers", "/routes", $"/customers/{customer}", "/deliveries", "/payments", "/activity", "/users", "/account/password", "/account/denied", "/" })
        {
            await page.GotoAsync(path);
            if (!path.StartsWith("/account/", StringComparison.Ordinal))
            {
                await BrowserFixture.WaitLiveAsync(page);
            }

            await CollectAsync();
        }

        // Interactive parts: a dialog (Blazor renders style attributes), the charts and a tooltip (ApexCharts writes styles).
        await page.GotoAsync("/customers");
        await BrowserFixture.WaitLiveAsync(page);
        await page.GetByTestId("customer-new").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-dialog")).ToBeVisibleAsync();
        await CollectAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("customer-dialog")).ToBeHiddenAsync();
        await page.GetByTestId("nav-analytics").ClickAsync();
        await ChartsReadyAsync(page);
        await page.GetByTestId("chart-money-canvas").HoverAsync();
        await page.GetByTestId("chart-methods-canvas").HoverAsync();
        await CollectAsync();
        Assert.Equal("Sales", await page.GetByTestId("chart-money-canvas").Locator(".apexcharts-legend-text").First.TextContentAsync());

        // The layout's sign-out form posts its antiforgery token: the policy's form-action lets it, and it signs out.
        await page.GetByTestId("logout").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login$"));
        await Assertions.Expect(page.GetByTestId("login-submit")).ToBeVisibleAsync();
        await CollectAsync();

        Assert.True(refused.Count == 0, string.Join('\n', refused));
        Assert.True(console.IsEmpty, string.Join('\n', console));
        await context.CloseAsync();
    }
}
