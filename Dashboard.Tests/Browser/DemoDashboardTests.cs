using System.Globalization;
using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

/// <summary>The app a newcomer starts with --Dashboard:SeedDemoData=true.</summary>
public sealed class DemoApp : DashboardApp
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Dashboard:SeedDemoData"] = "true",
        ["Dashboard:Billing:UpiId"] = "gokuldairy@okaxis", // as an owner sets it: bills carry a QR to pay
    };
}

public sealed class DemoDashboardTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
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
        await AssertTablesFitAsync(page, "customers beside the sidebar");
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
        await Assertions.Expect(page.GetByTestId("statement-table")).ToBeVisibleAsync();
        // The customer with the largest dues may have stopped taking milk, and early in a month this month's statement
        // may be empty: go back, as a person would, to the last month with entries.
        for (var back = 0; back < 6 && await page.GetByTestId("statement-row").CountAsync() == 0; back++)
        {
            var caption = page.GetByTestId("statement-table").Locator("caption");
            var shown = await caption.TextContentAsync();
            await page.GetByTestId("statement-prev").ClickAsync();
            await Assertions.Expect(caption).Not.ToHaveTextAsync(shown ?? "");
        }

        await Assertions.Expect(page.GetByTestId("statement-row").First).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the month statement");
        await page.Context.CloseAsync();
    }
}
