using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

public sealed class DemoProductsTests(DemoApp app, BrowserFixture browser) : IClassFixture<DemoApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_demo_business_shows_its_product_catalog()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByTestId("nav-products").ClickAsync();
        await Assertions.Expect(page.GetByTestId("product-row")).ToHaveCountAsync(6);
        await Assertions.Expect(page.GetByTestId("product-name")).ToHaveTextAsync(["Butter", "Curd 500 g", "Extra milk 1 L", "Ghee 1 kg", "Paneer 200 g", "Toned milk"]);
        await Assertions.Expect(page.GetByTestId("product-row").Filter(new() { HasText = "Ghee 1 kg" }).GetByTestId("product-price")).ToHaveTextAsync("₹650.00");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Products", Exact = true }).ClickAsync(); // no focus ring in the picture
        await SaveAsync(page, "products.png");

        await AssertNoSidewaysScrollAtPhoneWidthAsync(page, "the products page");
        await SaveAsync(page, "products-phone.png");
        await page.Context.CloseAsync();
    }
}
