using System.Globalization;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>The app a newcomer starts with --Dashboard:SeedDemoData=true.</summary>
public sealed class DemoApp : DashboardApp
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Dashboard:SeedDemoData"] = "true" };
}

public sealed class DemoDashboardTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    /// <summary>Set DASHBOARD_SCREENSHOTS to a folder to keep the pictures (scripts/screenshots.sh does).</summary>
    private static readonly string? ScreenshotDirectory = Environment.GetEnvironmentVariable("DASHBOARD_SCREENSHOTS");

    [Fact]
    public async Task The_demo_business_shows_a_populated_dashboard()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        var customers = int.Parse(await page.GetByTestId("stat-active-customers").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("en-IN"));
        Assert.InRange(customers, 150, 250);
        await Assertions.Expect(page.GetByTestId("stat-outstanding-dues")).Not.ToHaveTextAsync("₹0.00");
        Assert.True(await page.GetByTestId("activity-item").CountAsync() >= 10);
        await SaveAsync(page, "dashboard.png");

        await page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(page.GetByTestId("stat-total-collection")).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the dashboard scrolls sideways at phone width");
        await SaveAsync(page, "dashboard-phone.png");
        await page.Context.CloseAsync();
    }

    private static async Task SaveAsync(IPage page, string name)
    {
        if (!string.IsNullOrEmpty(ScreenshotDirectory))
        {
            Directory.CreateDirectory(ScreenshotDirectory);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name) });
        }
    }
}
