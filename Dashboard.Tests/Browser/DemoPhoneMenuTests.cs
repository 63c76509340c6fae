using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

/// <summary>The main menu: a labelled "Menu" button and a full list below 992 px, the sidebar from there up (issue 15).</summary>
public sealed class DemoPhoneMenuTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    private const int Target = 44;

    private static readonly (string TestId, string Label)[] AdminLinks =
    [
        ("nav-dashboard", "Dashboard"), ("nav-customers", "Customers"), ("nav-routes", "Routes"), ("nav-products", "Products"), ("nav-stock", "Stock"),
        ("nav-orders", "Orders"), ("nav-offers", "Offers"), ("nav-agents", "Agents"), ("nav-deliveries", "Deliveries"),
        ("nav-payments", "Payments"), ("nav-bills", "Bills"), ("nav-support", "Support"), ("nav-analytics", "Analytics"),
        ("nav-activity", "Activity"), ("nav-users", "Users"), ("nav-settings", "Settings"), ("nav-realtime", "Real-time"),
    ];

    [Fact]
    public async Task On_a_phone_the_menu_button_opens_every_link_with_its_name_and_a_link_closes_it()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.SetViewportSizeAsync(390, 844);
        var toggle = page.GetByTestId("menu-toggle");
        await Assertions.Expect(toggle).ToBeVisibleAsync();
        await Assertions.Expect(toggle).ToHaveTextAsync("Menu");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-controls", "main-menu");
        await AssertAtLeastAsync(toggle, Target, Target, "the menu button");
        await Assertions.Expect(page.GetByTestId("nav-customers")).ToBeHiddenAsync();
        await AssertHeaderFitsAsync(page);
        await SaveAsync(page, "menu-phone.png");

        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        foreach (var (testId, label) in AdminLinks)
        {
            var link = page.GetByTestId(testId);
            await Assertions.Expect(link).ToBeVisibleAsync();
            await Assertions.Expect(link).ToHaveTextAsync(label);
            // Visible as words, not a screen reader's clipped 1 px box.
            await AssertAtLeastAsync(link.Locator(".nav-link-label"), 20, 10, $"the name on {testId}");
            await AssertAtLeastAsync(link, 200, Target, testId);
        }

        // The account sits in the open menu: the user's name (to change the password) and Sign out, as big as the links.
        await Assertions.Expect(page.GetByTestId("current-user")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("current-user")).ToContainTextAsync("Administrator");
        await AssertAtLeastAsync(page.GetByTestId("current-user"), 200, Target, "the account link");
        await AssertAtLeastAsync(page.GetByTestId("logout"), Target, Target, "Sign out");
        await AssertNoSidewaysScrollAsync(page, "the open menu");
        await SaveAsync(page, "menu-phone-open.png");

        await page.GetByTestId("nav-deliveries").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/deliveries$"));
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(page.GetByTestId("nav-customers")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("delivery-row").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var row = page.GetByTestId("delivery-row").First;
        await AssertAtLeastAsync(row.GetByTestId("delivery-delivered"), Target, Target, "Delivered");
        await AssertAtLeastAsync(row.GetByTestId("delivery-skipped"), Target, Target, "Skipped");
        await AssertAtLeastAsync(page.GetByTestId("route-mark-delivered").First, Target, Target, "Mark all delivered");
        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the day sheet with 44 px buttons");

        await toggle.ClickAsync();
        await page.GetByTestId("current-user").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/password$"));
        await Assertions.Expect(page.GetByTestId("password-current")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_the_pager_buttons_are_44_px_and_a_small_phone_does_not_scroll_sideways()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.SetViewportSizeAsync(360, 740);
        await AssertHeaderFitsAsync(page);
        await page.GetByTestId("menu-toggle").ClickAsync();
        await page.GetByTestId("nav-customers").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-row").First).ToBeVisibleAsync();
        await AssertAtLeastAsync(page.GetByTestId("customers-table-pager-next"), Target, Target, "the pager's Next");
        await AssertAtLeastAsync(page.GetByTestId("customer-edit").First, Target, Target, "a row's Edit button");
        await AssertNoSidewaysScrollAsync(page, "customers at 360 px");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_laptop_the_sidebar_shows_the_links_with_their_names_and_the_header_is_one_line()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.SetViewportSizeAsync(1280, 900);
        await Assertions.Expect(page.GetByTestId("menu-toggle")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("menu-toggle")).ToBeHiddenAsync();
        foreach (var (testId, label) in AdminLinks)
        {
            await Assertions.Expect(page.GetByTestId(testId)).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId(testId)).ToHaveTextAsync(label);
            await AssertAtLeastAsync(page.GetByTestId(testId).Locator(".nav-link-label"), 20, 10, $"the name on {testId}");
        }

        await Assertions.Expect(page.GetByTestId("current-user")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("logout")).ToBeVisibleAsync();
        var header = await page.Locator(".page > header").BoundingBoxAsync();
        Assert.True(header is { Height: < 80 }, $"the header is {header?.Height} px tall at 1280 px: it wrapped");
        var sidebar = await page.Locator("aside").BoundingBoxAsync();
        Assert.True(sidebar is { X: 0, Width: < 320 } && sidebar.Height >= 800, $"the menu is a sidebar at 1280 px: {sidebar?.X},{sidebar?.Width}×{sidebar?.Height}");
        await page.Context.CloseAsync();
    }

    private static async Task AssertAtLeastAsync(ILocator element, double width, double height, string what)
    {
        var box = await element.BoundingBoxAsync();
        Assert.True(box is not null && box.Width >= width - 0.5 && box.Height >= height - 0.5,
            $"{what} is {box?.Width:0.#} × {box?.Height:0.#} px, smaller than {width} × {height}");
    }

    private static async Task AssertHeaderFitsAsync(IPage page)
    {
        var overflowing = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('aside *, .page > header *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => `${e.tagName}.${e.className}#${e.dataset.testid ?? ''}`)");
        Assert.True(overflowing.Length == 0, $"the top bar overflows at phone width: {string.Join("; ", overflowing)}");
        await AssertNoSidewaysScrollAsync(page, "the top bar");
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string what) =>
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1"), $"{what} scrolls sideways");
}
