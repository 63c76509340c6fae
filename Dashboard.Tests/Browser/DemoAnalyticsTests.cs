using Dashboard.Domain.Payments;
using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.AnalyticsSteps;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

public sealed class DemoAnalyticsTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_business_shows_populated_analytics()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.SetViewportSizeAsync(1280, 1300);
        await page.GetByTestId("nav-analytics").ClickAsync();
        await ChartsReadyAsync(page);

        var report = await ReportAsync(app);
        Assert.True(report.Daily.Count(d => d.Liters > 0) >= 25, "the demo delivers on most days");
        Assert.True(report.Methods.Where(m => PaymentMethods.Offered.Contains(m.Method)).All(m => m.Amount > 0), "the demo's customers pay by every method offered");
        Assert.True(report.Dues.Aging.Count(b => b.Amount > 0) >= 2, "the demo's dues have more than one age");
        Assert.Equal(10, report.Dues.TopDues.Count);
        await Assertions.Expect(page.GetByTestId("top-due-row")).ToHaveCountAsync(10);
        await Assertions.Expect(LastValue(page, "chart-money", "Sales")).ToHaveTextAsync(Formats(app).Money(report.Daily[^1].Sales));
        Assert.Equal(report.Daily.Select(d => (double)d.Liters), await DrawnAsync(page, "chart-liters", 0));
        await SaveAsync(page, "analytics.png");

        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "analytics");
        // ApexCharts redraws on resize after a short debounce; the picture waits for the phone-sized drawing.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.chart-canvas svg')].every(s => s.getBoundingClientRect().right <= window.innerWidth)");
        await page.SetViewportSizeAsync(390, 2400);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.chart-canvas svg')].every(s => s.getBoundingClientRect().right <= window.innerWidth)");
        await SaveAsync(page, "analytics-phone.png");
        await page.Context.CloseAsync();
    }
}
