using System.Net.Http.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;

namespace Dashboard.Tests.Browser;

/// <summary>What a newcomer hit on the demo business: `8679336931` and `+918679336931` found nobody.</summary>
public sealed class PhoneSearchTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    private static string NewNumber() => "8" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString();

    private async Task<(string Number, Guid Id)> CustomerWithPhoneAsync(string name, string route = "Jayanagar")
    {
        using var admin = await app.AdminClientAsync();
        var n = NewNumber();
        await ApiScenario.EnsureRouteAsync(admin, route);
        var created = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/customers",
            new { name, phone = $"+91 {n[..5]} {n[5..]}", route, defaultQuantity = 1, pricePerLiter = 60 }), System.Net.HttpStatusCode.Created);
        return (n, created.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task The_customers_list_and_the_payment_picker_find_a_number_typed_without_spaces_or_with_its_country_code()
    {
        var (n, _) = await CustomerWithPhoneAsync("Spaced Sunita");
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await OpenAsync(page, "/customers");
        foreach (var typed in new[] { n, "+91" + n })
        {
            await page.GetByTestId("customer-search").FillAsync(typed);
            await Assertions.Expect(page.GetByTestId("customer-row")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId("customer-row")).ToContainTextAsync("Spaced Sunita");
        }

        await OpenAsync(page, "/payments");
        await page.GetByTestId("payment-form-customer-search").PressSequentiallyAsync(n);
        await Assertions.Expect(page.GetByTestId("payment-form-customer-option")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("payment-form-customer-option")).ToContainTextAsync("Spaced Sunita");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_editor_says_whose_phone_it_already_is_before_a_second_account_gets_it_and_still_saves_it()
    {
        var (n, _) = await CustomerWithPhoneAsync("Family Farida", route: "Basavanagudi");
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await OpenAsync(page, "/customers");
        await page.GetByTestId("customer-new").ClickAsync();
        await FillFormAsync(page, name: "Family Faisal", phone: "0" + n, price: "60");
        await page.GetByTestId("customer-form-phone").PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("customer-form-phone-shared")).ToHaveTextAsync("Also the phone of Family Farida (Basavanagudi).");

        await page.GetByTestId("customer-form-phone").FillAsync("9" + n[1..]);
        await page.GetByTestId("customer-form-phone").PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("customer-form-phone-shared")).ToHaveCountAsync(0);

        await page.GetByTestId("customer-form-phone").FillAsync(n);
        await page.GetByTestId("customer-form-phone").PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("customer-form-phone-shared")).ToBeVisibleAsync();
        await page.GetByTestId("customer-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer-dialog")).ToBeHiddenAsync();
        var row = await FindRowAsync(page, "Family Faisal");
        await Assertions.Expect(row.GetByTestId("customer-phone")).ToHaveTextAsync("+91 " + n);
        await page.Context.CloseAsync();
    }
}
