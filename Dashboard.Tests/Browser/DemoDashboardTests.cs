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

    [Fact]
    public async Task The_demo_business_shows_its_customers_and_a_customers_ledger()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.GetByTestId("nav-customers").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-row")).ToHaveCountAsync(25);
        await Assertions.Expect(page.GetByTestId("customers-table-pager-summary")).ToContainTextAsync("of 2");
        // The largest dues first, as an owner would look at them.
        await page.GetByTestId("sort-balance").ClickAsync();
        await page.GetByTestId("sort-balance").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sort-balance")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("desc"));
        await SaveAsync(page, "customers.png");
        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "customers");
        await SaveAsync(page, "customers-phone.png");

        await page.SetViewportSizeAsync(1280, 720);
        await page.GetByTestId("customer-row").First.GetByTestId("customer-name").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ledger-row").First).ToBeVisibleAsync();
        Assert.Equal(20, await page.GetByTestId("ledger-row").CountAsync());
        await SaveAsync(page, "customer-detail.png");
        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the customer page");
        await SaveAsync(page, "customer-detail-phone.png");
        await page.GetByTestId("tab-statement").ClickAsync();
        await Assertions.Expect(page.GetByTestId("statement-row").First).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the month statement");
        await page.Context.CloseAsync();
    }

    private static async Task AssertNoSidewaysScrollAtPhoneWidthAsync(IPage page, string what)
    {
        await page.SetViewportSizeAsync(390, 844);
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, $"{what} scrolls sideways at phone width");
        // Tables may scroll inside their card, but a phone should not need to: their columns fit.
        var wideTables = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('.table-responsive')].filter(t => t.scrollWidth > t.clientWidth + 1).map(t => `${t.querySelector('table')?.dataset.testid} (${t.scrollWidth} > ${t.clientWidth} px)`)");
        Assert.True(wideTables.Length == 0, $"{what}: {string.Join(", ", wideTables)} wider than a phone");
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
