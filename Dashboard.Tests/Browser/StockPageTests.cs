using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;

namespace Dashboard.Tests.Browser;

public sealed class StockPageTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    private async Task<IPage> StockPageAsync()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.GetByTestId("nav-stock").ClickAsync();
        await Assertions.Expect(page.GetByTestId("stock-table")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("stock-table")).Not.ToContainTextAsync("Loading");
        return page;
    }

    private static ILocator Row(IPage page, Guid id) => page.Locator($"[data-testid=stock-row][data-product-id='{id}']");

    [Fact]
    public async Task Stock_booked_over_rest_and_taken_by_a_delivered_order_rerenders_two_open_stock_pages()
    {
        using var admin = await app.AdminClientAsync();
        var curd = (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/products", new { name = "Live curd 500 g", unit = "piece", price = 30, minStock = 10 }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var first = await StockPageAsync();
        var second = await StockPageAsync();
        await MarkDocumentAsync(first);
        await MarkDocumentAsync(second);

        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/stock/receipts", new { productId = curd, quantity = 12, supplier = "Nandini dairy" }),
            HttpStatusCode.Created);
        foreach (var page in new[] { first, second })
        {
            await Assertions.Expect(Row(page, curd).GetByTestId("stock-quantity")).ToHaveTextAsync("12 piece", new() { Timeout = TwoSeconds });
            await Assertions.Expect(Row(page, curd).GetByTestId("stock-severity")).ToHaveTextAsync("OK");
            await Assertions.Expect(page.GetByTestId("stock-movement").First.GetByTestId("stock-movement-what")).ToHaveTextAsync("Received from Nandini dairy");
        }

        // An order delivered from elsewhere takes its items: 12 − 7 = 5, half the minimum.
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Live stock customer");
        var (agentId, _, _) = await ApiScenario.CreateUserWithIdAsync(admin, "Delivery");
        var order = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/orders",
            new { customerId = customer, items = new[] { new { productId = curd, quantity = 7 } }, deliveryDate = app.Today }), HttpStatusCode.Created);
        var id = order.GetProperty("id").GetGuid();
        await ApiAssert.Json(await admin.PostAsync($"/api/v1/orders/{id}/confirm", null));
        await ApiAssert.Json(await admin.PostAsJsonAsync($"/api/v1/orders/{id}/assign", new { agentId }));
        await ApiAssert.Json(await admin.PostAsync($"/api/v1/orders/{id}/out-for-delivery", null));
        await ApiAssert.Json(await admin.PostAsync($"/api/v1/orders/{id}/deliver", null));
        foreach (var page in new[] { first, second })
        {
            await Assertions.Expect(Row(page, curd).GetByTestId("stock-quantity")).ToHaveTextAsync("5 piece", new() { Timeout = TwoSeconds });
            await Assertions.Expect(Row(page, curd).GetByTestId("stock-severity")).ToHaveTextAsync("High");
            await Assertions.Expect(page.GetByTestId("stock-movement").First.GetByTestId("stock-movement-what"))
                .ToHaveTextAsync($"Order #{order.GetProperty("number").GetInt32()} delivered");
            await AssertSameDocumentAsync(page);
        }

        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task An_adjustment_in_the_form_shows_in_another_browser_and_one_below_zero_is_refused_on_quantity_with_nothing_written()
    {
        using var admin = await app.AdminClientAsync();
        var paneer = await ApiScenario.CreateProductAsync(admin, "Form paneer 200 g", 95m);
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/stock/receipts", new { productId = paneer, quantity = 3 }), HttpStatusCode.Created);
        var page = await StockPageAsync();
        var watcher = await StockPageAsync();
        var form = page.GetByTestId("stock-adjustment-form");

        await form.GetByTestId("stock-adjustment-product").SelectOptionAsync(paneer.ToString());
        await form.GetByTestId("stock-adjustment-quantity").FillAsync("-4");
        await form.GetByTestId("stock-adjustment-reason").FillAsync("Spoilage");
        await form.GetByTestId("stock-adjustment-save").ClickAsync();
        await Assertions.Expect(form.GetByTestId("field-error-quantity")).ToContainTextAsync("below zero");
        await using (var db = app.Db())
        {
            Assert.Equal(3m, (await db.StockLevels.SingleAsync(l => l.ProductId == paneer)).Quantity);
        }

        await form.GetByTestId("stock-adjustment-quantity").FillAsync("-1");
        await form.GetByTestId("stock-adjustment-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("toast").Filter(new() { HasText = "Form paneer 200 g: 2 piece on hand" })).ToBeVisibleAsync();
        await Assertions.Expect(form.GetByTestId("field-error-quantity")).ToHaveCountAsync(0);
        await Assertions.Expect(Row(page, paneer).GetByTestId("stock-quantity")).ToHaveTextAsync("2 piece");
        await Assertions.Expect(Row(watcher, paneer).GetByTestId("stock-quantity")).ToHaveTextAsync("2 piece", new() { Timeout = TwoSeconds });
        await Assertions.Expect(watcher.GetByTestId("stock-movement").First.GetByTestId("stock-movement-what")).ToHaveTextAsync("Adjusted: Spoilage");

        await page.Context.CloseAsync();
        await watcher.Context.CloseAsync();
    }
}
