using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

public sealed class DemoSupportTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_business_has_conversations_one_waiting_for_an_answer()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByTestId("nav-support").ClickAsync();
        await Assertions.Expect(page.GetByTestId("support-conversation")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("support-conversation-unread")).ToHaveTextAsync(["2"]);
        await page.GetByTestId("support-conversation").Filter(new() { HasText = "Thank you!" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("support-message")).ToHaveCountAsync(3);
        await page.GetByTestId("support-conversation").Filter(new() { HasText = "Your bill" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("support-message")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("support-seen")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Support", Exact = true }).ClickAsync();
        await SaveAsync(page, "support.png");

        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the support page");
        await SaveAsync(page, "support-phone.png");
        await page.Context.CloseAsync();
    }
}
