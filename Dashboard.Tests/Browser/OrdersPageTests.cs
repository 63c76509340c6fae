using System.Net;
using System.Net.Http.Json;
using Dashboard.Domain.Orders;
using Dashboard.Tests.Realtime;
using Dashboard.Tests.Realtime.SocketIO;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;

namespace Dashboard.Tests.Browser;

/// <summary>The orders board in two browsers: an order placed or moved anywhere moves on both, without a reload.</summary>
public sealed class OrdersPageTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    private async Task<IPage> BoardAsync(DateOnly date)
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await OpenAsync(page, $"/orders?date={date:yyyy-MM-dd}");
        await Assertions.Expect(page.GetByTestId("orders-date")).ToHaveAttributeAsync("data-value", date.ToString("yyyy-MM-dd"));
        await Assertions.Expect(page.GetByTestId("orders-board")).Not.ToContainTextAsync("Loading");
        return page;
    }

    private static ILocator Card(IPage page, Guid id) => page.Locator($"[data-testid=order-card][data-order-id='{id}']");

    private static ILocator Column(IPage page, string status) => page.Locator($"[data-testid=orders-column][data-status='{status}']");

    [Fact]
    public async Task An_order_placed_over_rest_and_moved_in_one_browser_moves_on_both_boards()
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var customer = await Api.ApiScenario.CreateCustomerAsync(admin, $"Board {tag}");
        var product = await Api.ApiScenario.CreateProductAsync(admin, $"Paneer {tag}", 95m);
        var (agentId, agentEmail, _) = await Api.ApiScenario.CreateUserWithIdAsync(admin, "Delivery");

        var date = app.Today.AddDays(2);
        var first = await BoardAsync(date);
        var second = await BoardAsync(date);
        await MarkDocumentAsync(first);
        await MarkDocumentAsync(second);

        var id = (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/orders",
            new { customerId = customer, items = new[] { new { productId = product, quantity = 2 } }, deliveryDate = date }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        foreach (var page in new[] { first, second })
        {
            await Assertions.Expect(Column(page, "placed").Locator($"[data-order-id='{id}']")).ToBeVisibleAsync(new() { Timeout = TwoSeconds });
            await Assertions.Expect(Card(page, id).GetByTestId("order-total")).ToHaveTextAsync("₹190.00");
            await Assertions.Expect(Card(page, id).GetByTestId("order-items")).ToHaveTextAsync($"Paneer {tag} × 2");
        }

        await Card(first, id).GetByTestId("order-confirm").ClickAsync();
        await Assertions.Expect(Column(second, "confirmed").Locator($"[data-order-id='{id}']")).ToBeVisibleAsync(new() { Timeout = TwoSeconds });
        await Card(first, id).GetByTestId("order-assign").SelectOptionAsync(agentId);
        await Assertions.Expect(Card(second, id).GetByTestId("order-agent")).ToBeVisibleAsync(new() { Timeout = TwoSeconds });
        await Card(second, id).GetByTestId("order-out").ClickAsync();
        await Assertions.Expect(Column(first, "out_for_delivery").Locator($"[data-order-id='{id}']")).ToBeVisibleAsync(new() { Timeout = TwoSeconds });

        await Card(first, id).GetByTestId("order-cancel").ClickAsync();
        await Card(first, id).GetByTestId("order-cancel-reason-input").FillAsync("Customer away");
        await Card(first, id).GetByTestId("order-cancel-confirm").ClickAsync();
        foreach (var page in new[] { first, second })
        {
            await Assertions.Expect(Column(page, "cancelled").Locator($"[data-order-id='{id}']")).ToBeVisibleAsync(new() { Timeout = TwoSeconds });
            await Assertions.Expect(Card(page, id).GetByTestId("order-cancel-reason")).ToHaveTextAsync("Customer away");
            await AssertSameDocumentAsync(page);
        }

        await using var after = app.Db();
        var row = await after.Orders.Include(o => o.Steps).SingleAsync(o => o.Id == id);
        Assert.Equal(OrderStatus.Cancelled, row.Status);
        Assert.All(row.Steps.Skip(1), s => Assert.Equal(Dashboard.Domain.Common.Channel.Web, s.Channel));
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task Placing_an_order_in_the_dialog_shows_it_on_another_board_and_bad_lines_are_named()
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        await Api.ApiScenario.CreateCustomerAsync(admin, $"Dialog {tag}");
        var product = await Api.ApiScenario.CreateProductAsync(admin, $"Ghee {tag}", 650m);
        var date = app.Today.AddDays(3);
        var first = await BoardAsync(date);
        var second = await BoardAsync(date);

        await first.GetByTestId("order-new").ClickAsync();
        var dialog = first.GetByTestId("order-dialog");
        await dialog.GetByTestId("customer-picker-search").FillAsync($"Dialog {tag}");
        await dialog.GetByTestId("customer-picker-option").First.ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("order-line-product").Locator($"option[value='{product}']")).ToHaveCountAsync(1);
        await dialog.GetByTestId("order-line-product").SelectOptionAsync(product.ToString());
        await dialog.GetByTestId("order-line-quantity").FillAsync("0");
        await dialog.GetByTestId("order-form-place").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("field-error-items[0].quantity")).ToBeVisibleAsync();

        await dialog.GetByTestId("order-line-quantity").FillAsync("1");
        await dialog.GetByTestId("order-form-total").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("order-form-total")).ToContainTextAsync("₹650.00");
        await dialog.GetByTestId("order-form-place").ClickAsync();
        await Assertions.Expect(first.GetByTestId("order-dialog")).ToHaveCountAsync(0);
        var card = second.GetByTestId("order-card").Filter(new() { HasText = $"Dialog {tag}" });
        await Assertions.Expect(card.GetByTestId("order-total")).ToHaveTextAsync("₹650.00", new() { Timeout = TwoSeconds });
        await Assertions.Expect(Column(second, "placed").GetByTestId("order-card").Filter(new() { HasText = $"Dialog {tag}" })).ToHaveCountAsync(1);
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task An_order_placed_from_a_socket_io_app_and_confirmed_over_signalr_moves_on_two_boards()
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var customer = await Api.ApiScenario.CreateCustomerAsync(admin, $"App {tag}");
        var product = await Api.ApiScenario.CreateProductAsync(admin, $"Curd {tag}", 30m);
        var (email, password) = await Api.ApiScenario.CreateUserAsync(admin, "Customer", customer);
        var date = app.Today.AddDays(4);
        var first = await BoardAsync(date);
        var second = await BoardAsync(date);

        var (customerApp, _) = await SocketIOScenario.ConnectAsync(app, email, password);
        var (office, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (customerApp)
        await using (office)
        {
            var placed = (await customerApp.EmitWithAckAsync("order:place",
                new { items = new[] { new { productId = product, quantity = 3 } }, deliveryDate = date }))[0];
            var id = placed.GetProperty("id").GetGuid();
            foreach (var page in new[] { first, second })
            {
                await Assertions.Expect(Column(page, "placed").Locator($"[data-order-id='{id}']")).ToBeVisibleAsync(new() { Timeout = TwoSeconds });
                await Assertions.Expect(Card(page, id).GetByTestId("order-total")).ToHaveTextAsync("₹90.00");
            }

            Assert.Null((await office.InvokeAsync("order:status", new { orderId = id, status = "confirmed" })).ErrorCode());
            foreach (var page in new[] { first, second })
            {
                await Assertions.Expect(Column(page, "confirmed").Locator($"[data-order-id='{id}']")).ToBeVisibleAsync(new() { Timeout = TwoSeconds });
            }
        }

        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }
}
