using System.Net;
using System.Net.Http.Json;
using Dashboard.Domain.Common;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;

namespace Dashboard.Tests.Browser;

public sealed class ProductsPageTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    private async Task<IPage> ProductsPageAsync()
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.GetByTestId("nav-products").ClickAsync();
        await Assertions.Expect(page.GetByTestId("products-table")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("products-table")).Not.ToContainTextAsync("Loading");
        return page;
    }

    private static ILocator Row(IPage page, Guid id) => page.Locator($"[data-testid=product-row][data-product-id='{id}']");

    private static ILocator Row(IPage page, string name) => page.GetByTestId("product-row").Filter(new() { HasText = name });

    [Fact]
    public async Task A_product_created_and_changed_over_rest_rerenders_every_open_products_page()
    {
        var first = await ProductsPageAsync();
        var second = await ProductsPageAsync();
        await MarkDocumentAsync(first);
        await MarkDocumentAsync(second);
        using var admin = await app.AdminClientAsync();

        var id = (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/products", new { name = "Rest Curd 500 g", unit = "piece", price = 30 }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        foreach (var page in new[] { first, second })
        {
            var row = Row(page, id);
            await Assertions.Expect(row.GetByTestId("product-name")).ToHaveTextAsync("Rest Curd 500 g", new() { Timeout = TwoSeconds });
            await Assertions.Expect(row.GetByTestId("product-unit")).ToHaveTextAsync("piece");
            await Assertions.Expect(row.GetByTestId("product-price")).ToHaveTextAsync("₹30.00");
            await Assertions.Expect(row.GetByTestId("product-status")).ToHaveTextAsync("Active");
        }

        await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/products/{id}", new { price = 32.5, isActive = false, version = 1 }));
        foreach (var page in new[] { first, second })
        {
            await Assertions.Expect(Row(page, id).GetByTestId("product-price")).ToHaveTextAsync("₹32.50", new() { Timeout = TwoSeconds });
            await Assertions.Expect(Row(page, id).GetByTestId("product-status")).ToHaveTextAsync("Inactive");
            await AssertSameDocumentAsync(page);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_product_added_in_the_form_is_written_and_shows_in_another_browser_and_bad_input_writes_nothing()
    {
        var page = await ProductsPageAsync();
        var watcher = await ProductsPageAsync();
        var form = page.GetByTestId("product-add-form");
        var before = await CountRowsAsync();

        await form.GetByTestId("product-form-name").FillAsync("");
        await form.GetByTestId("product-form-price").FillAsync("0");
        await form.GetByTestId("product-add").ClickAsync();
        await Assertions.Expect(form.GetByTestId("field-error-name")).ToContainTextAsync("Name is required");
        await Assertions.Expect(form.GetByTestId("field-error-price")).ToContainTextAsync("greater than 0");
        Assert.Equal(before, await CountRowsAsync());

        await form.GetByTestId("product-form-name").FillAsync("Form Paneer 200 g");
        await form.GetByTestId("product-form-unit").SelectOptionAsync("piece");
        await form.GetByTestId("product-form-price").FillAsync("95");
        await form.GetByTestId("product-add").ClickAsync();

        await Assertions.Expect(page.GetByTestId("toast").Filter(new() { HasText = "Added Form Paneer 200 g" })).ToBeVisibleAsync();
        await Assertions.Expect(form.GetByTestId("product-form-name")).ToHaveValueAsync("");
        await Assertions.Expect(Row(page, "Form Paneer 200 g").GetByTestId("product-price")).ToHaveTextAsync("₹95.00");
        await Assertions.Expect(Row(watcher, "Form Paneer 200 g").GetByTestId("product-price")).ToHaveTextAsync("₹95.00", new() { Timeout = TwoSeconds });

        // The same name in another case is taken: said in the form, nothing written.
        await form.GetByTestId("product-form-name").FillAsync("FORM PANEER 200 G");
        await form.GetByTestId("product-form-price").FillAsync("90");
        await form.GetByTestId("product-add").ClickAsync();
        await Assertions.Expect(form.GetByTestId("product-add-error")).ToContainTextAsync("already a product named");
        await Assertions.Expect(Row(page, "Form Paneer 200 g")).ToHaveCountAsync(1);

        await using var db = app.Db();
        var written = await db.Products.SingleAsync(p => p.NormalizedName == "FORM PANEER 200 G");
        Assert.Equal(("Form Paneer 200 g", "piece", 95m), (written.Name, written.Unit, written.Price));
        Assert.True(await db.Activity.AnyAsync(a => a.EntityId == written.Id.ToString() && a.Action == "product.created" && a.Channel == Channel.Web));
        await page.Context.CloseAsync();
        await watcher.Context.CloseAsync();
    }

    [Fact]
    public async Task An_inline_edit_saves_and_rerenders_elsewhere_and_a_stale_edit_is_refused_with_what_it_is_now()
    {
        using var admin = await app.AdminClientAsync();
        var id = (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/products", new { name = "Edit Ghee 1 kg", unit = "piece", price = 650 }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var editor = await ProductsPageAsync();
        var watcher = await ProductsPageAsync();

        var row = Row(editor, id);
        await row.GetByTestId("product-edit").ClickAsync();
        await row.GetByTestId("product-edit-price").FillAsync("675");
        await row.GetByTestId("product-edit-price").PressAsync("Enter");
        await Assertions.Expect(row.GetByTestId("product-price")).ToHaveTextAsync("₹675.00");
        await Assertions.Expect(Row(watcher, id).GetByTestId("product-price")).ToHaveTextAsync("₹675.00", new() { Timeout = TwoSeconds });

        // Escape leaves an edit unsaved.
        await row.GetByTestId("product-edit").ClickAsync();
        await row.GetByTestId("product-edit-name").FillAsync("Not saved");
        await row.GetByTestId("product-edit-name").PressAsync("Escape");
        await Assertions.Expect(row.GetByTestId("product-name")).ToHaveTextAsync("Edit Ghee 1 kg");

        // Someone changes it over REST while this browser edits: the row says so, and the save is refused.
        await row.GetByTestId("product-edit").ClickAsync();
        await row.GetByTestId("product-edit-price").FillAsync("600");
        await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/products/{id}", new { price = 700 }));
        await Assertions.Expect(row.GetByTestId("product-changed-meanwhile")).ToContainTextAsync("₹700.00", new() { Timeout = TwoSeconds });
        await row.GetByTestId("product-save").ClickAsync();
        await Assertions.Expect(row.GetByTestId("product-error")).ToContainTextAsync("changed by someone else");
        await Assertions.Expect(Row(watcher, id).GetByTestId("product-price")).ToHaveTextAsync("₹700.00");
        await using (var db = app.Db())
        {
            Assert.Equal((700m, 3), await db.Products.Where(p => p.Id == id).Select(p => ValueTuple.Create(p.Price, p.Version)).SingleAsync());
        }

        await row.GetByTestId("product-load-theirs").ClickAsync();
        await Assertions.Expect(row.GetByTestId("product-edit-price")).ToHaveValueAsync("700");
        await row.GetByTestId("product-cancel").ClickAsync();
        await editor.Context.CloseAsync();
        await watcher.Context.CloseAsync();
    }

    private async Task<(int, int)> CountRowsAsync()
    {
        await using var db = app.Db();
        return (await db.Products.CountAsync(), await db.Activity.CountAsync());
    }
}
