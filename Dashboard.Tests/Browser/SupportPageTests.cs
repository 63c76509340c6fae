using Dashboard.Domain.Common;
using Dashboard.Tests.Api;
using Dashboard.Tests.Realtime;
using Dashboard.Tests.Realtime.SocketIO;
using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.CustomerSteps;
using static Dashboard.Tests.Support.DemoScreens;

namespace Dashboard.Tests.Browser;

/// <summary>The office answers a customer's app on the Support page, live both ways.</summary>
public sealed class SupportPageTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    private const float Live = 5_000;

    [Fact]
    public async Task An_app_s_message_appears_on_the_open_page_unread_then_read_and_the_answer_and_its_receipt_travel_back()
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..4];
        var customer = await ApiScenario.CreateCustomerAsync(admin, $"Support Sunita {tag}");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, customer);
        await using var phone = (await SocketIOScenario.ConnectAsync(app, email, password)).Client;

        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.GetByTestId("nav-support").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Support", Exact = true })).ToBeVisibleAsync();
        await MarkDocumentAsync(page);

        Assert.Null((await BothTransports.CallAsync(phone, "chat:message", new { text = "Can I get 2 L tomorrow instead of 1?" })).ErrorCode());
        var row = page.GetByTestId("support-conversation").Filter(new() { HasText = $"Support Sunita {tag}" });
        await Assertions.Expect(row.GetByTestId("support-conversation-unread")).ToHaveTextAsync("1", new() { Timeout = Live });
        await Assertions.Expect(page.GetByTestId("support-conversation").First).ToContainTextAsync($"Support Sunita {tag}");

        await row.ClickAsync();
        await Assertions.Expect(page.GetByTestId("support-thread-name")).ToHaveTextAsync($"Support Sunita {tag}");
        await Assertions.Expect(page.GetByTestId("support-message")).ToHaveTextAsync([new System.Text.RegularExpressions.Regex("Can I get 2 L tomorrow")]);
        await Assertions.Expect(row.GetByTestId("support-conversation-unread")).ToHaveCountAsync(0, new() { Timeout = Live });
        var staffRead = (await phone.WaitForEventAsync("chat:read", r => r[0].GetProperty("side").GetString() == "staff"))[0];
        Assert.Equal(customer, staffRead.GetProperty("customerId").GetGuid());

        // Each side sees the other typing; the notice goes by itself after a few seconds.
        Assert.Null((await BothTransports.CallAsync(phone, "chat:typing", new { })).ErrorCode());
        await Assertions.Expect(page.GetByTestId("support-typing")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^customer-\w+ is typing…$"), new() { Timeout = Live }); // the app user's name
        await Assertions.Expect(page.GetByTestId("support-typing")).ToHaveCountAsync(0, new() { Timeout = 8_000 });
        await page.GetByTestId("support-reply").PressSequentiallyAsync("Yes, 2 L");
        var typing = (await phone.WaitForEventAsync("chat:typing", t => t[0].GetProperty("from").GetProperty("role").GetString() == "Admin"))[0];
        Assert.Equal(customer, typing.GetProperty("customerId").GetGuid());
        await page.GetByTestId("support-reply").PressSequentiallyAsync(" tomorrow.");
        await page.GetByTestId("support-reply").PressAsync("Enter");
        var answer = (await phone.WaitForEventAsync("chat:message", m => m[0].GetProperty("text").GetString() == "Yes, 2 L tomorrow."))[0];
        Assert.Equal("Admin", answer.GetProperty("from").GetProperty("role").GetString());
        await Assertions.Expect(page.GetByTestId("support-reply")).ToHaveValueAsync("");
        await Assertions.Expect(page.GetByTestId("support-reply")).ToBeFocusedAsync(); // ready for the next line
        await Assertions.Expect(page.GetByTestId("support-seen")).ToHaveCountAsync(0);

        // The app reads it: "Seen" under the answer, live; the app's next message arrives in the open thread.
        await BothTransports.CallAsync(phone, "chat:read", new { });
        await Assertions.Expect(page.GetByTestId("support-seen")).ToBeVisibleAsync(new() { Timeout = Live });
        await BothTransports.CallAsync(phone, "chat:message", new { text = "Thanks!" });
        await Assertions.Expect(page.GetByTestId("support-message").Last).ToContainTextAsync("Thanks!", new() { Timeout = Live });
        await Assertions.Expect(page.GetByTestId("support-seen")).ToHaveCountAsync(0);

        // Sent with the button instead of Enter: the box empties and the caret is back in it.
        await page.GetByTestId("support-reply").FillAsync("You're welcome.");
        await page.GetByTestId("support-send").ClickAsync();
        await phone.WaitForEventAsync("chat:message", m => m[0].GetProperty("text").GetString() == "You're welcome.");
        await Assertions.Expect(page.GetByTestId("support-reply")).ToHaveValueAsync("");
        await Assertions.Expect(page.GetByTestId("support-reply")).ToBeFocusedAsync();

        // An empty reply says so beside the box, and nothing is sent.
        await page.GetByTestId("support-reply").FillAsync("   ");
        await page.GetByTestId("support-send").ClickAsync();
        await Assertions.Expect(page.GetByTestId("field-error-text")).ToHaveTextAsync("Text is required.");
        await AssertSameDocumentAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Staff_start_a_conversation_from_the_customer_s_page_and_the_customer_s_app_gets_it()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Support Starter");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, customer);
        await using var phone = (await BothTransports.ConnectAsync(app, "signalr", email, password));
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await OpenAsync(page, $"/customers/{customer}");
        await page.GetByTestId("customer-message").ClickAsync();
        await Assertions.Expect(page.GetByTestId("support-thread-name")).ToHaveTextAsync("Support Starter");
        await Assertions.Expect(page.GetByTestId("support-messages-empty")).ToBeVisibleAsync();
        await page.GetByTestId("support-reply").FillAsync("Hello from the dairy: your new route starts Monday.");
        await page.GetByTestId("support-send").ClickAsync();
        await phone.WaitForEventAsync("chat:message", m => m[0].GetProperty("text").GetString()!.StartsWith("Hello from the dairy", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("support-conversation").Filter(new() { HasText = "Support Starter" })).ToContainTextAsync("You: Hello from the dairy");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Staff_answering_a_thread_see_each_other_typing_there_and_not_in_another_thread()
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..4];
        var customer = await ApiScenario.CreateCustomerAsync(admin, $"Support Sameer {tag}");
        var other = await ApiScenario.CreateCustomerAsync(admin, $"Support Sheela {tag}");
        var (id, email, password) = await ApiScenario.CreateUserWithIdAsync(admin, Roles.Staff);
        (await System.Net.Http.Json.HttpClientJsonExtensions.PatchAsJsonAsync(admin, $"/api/v1/users/{id}", new { displayName = "Priya" })).EnsureSuccessStatusCode();

        var priya = await browser.SignedInPageAsync(app.BaseAddress, email, password);
        var colleague = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        var elsewhere = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await OpenAsync(priya, $"/support/{customer}");
        await OpenAsync(colleague, $"/support/{customer}");
        await OpenAsync(elsewhere, $"/support/{other}");

        await priya.GetByTestId("support-reply").PressSequentiallyAsync("Your 2 L");
        await Assertions.Expect(colleague.GetByTestId("support-typing")).ToHaveTextAsync("Priya is typing…", new() { Timeout = Live });
        await Assertions.Expect(priya.GetByTestId("support-typing")).ToHaveCountAsync(0); // never one's own
        await Assertions.Expect(elsewhere.GetByTestId("support-typing")).ToHaveCountAsync(0);
        foreach (var page in new[] { priya, colleague, elsewhere })
        {
            await page.Context.CloseAsync();
        }
    }
}
