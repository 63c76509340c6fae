using Dashboard.Domain.Common;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Dashboard.Tests.Browser.UserSteps;

namespace Dashboard.Tests.Browser;

public sealed class UsersPageTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_customer_user_created_in_the_dialog_is_written_with_its_customer_and_shows_in_the_list()
    {
        using var admin = await app.AdminClientAsync();
        var customerId = await ApiScenario.CreateCustomerAsync(admin, "Picker Padma");
        var page = await UsersPageAsync(browser, app);

        await page.GetByTestId("user-new").ClickAsync();
        var dialog = page.GetByTestId("user-dialog");
        await Assertions.Expect(dialog.GetByTestId("user-form-email")).ToBeFocusedAsync();
        await dialog.GetByTestId("user-form-email").FillAsync("padma@test.local");
        await dialog.GetByTestId("user-form-name").FillAsync("Padma P");
        await dialog.GetByTestId("user-form-role").SelectOptionAsync("Customer");
        await dialog.GetByTestId("customer-picker-search").FillAsync("Picker");
        await dialog.GetByTestId("customer-picker-option").Filter(new() { HasText = "Picker Padma" }).ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("customer-picker-selected")).ToContainTextAsync("Picker Padma");
        await dialog.GetByTestId("user-form-password").FillAsync("Padma-pass-2026!");
        await dialog.GetByTestId("user-save").ClickAsync();

        await Assertions.Expect(dialog).ToBeHiddenAsync();
        var row = Row(page, "padma@test.local");
        await Assertions.Expect(row.GetByTestId("user-role")).ToHaveTextAsync("Customer");
        await Assertions.Expect(row.GetByTestId("user-customer")).ToHaveTextAsync("Picker Padma");
        await Assertions.Expect(row.GetByTestId("user-status")).ToHaveTextAsync("Active");

        await using var db = app.Db();
        var written = await db.Users.SingleAsync(u => u.Email == "padma@test.local");
        Assert.Equal(("Padma P", customerId), (written.DisplayName, written.CustomerId));
        Assert.True(await db.Activity.AnyAsync(a => a.EntityId == written.Id && a.Action == "user.created" && a.Channel == Channel.Web));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Bad_input_shows_the_domains_messages_under_the_fields_and_writes_nothing()
    {
        var page = await UsersPageAsync(browser, app);
        var before = await UserCountAsync(app);

        await page.GetByTestId("user-new").ClickAsync();
        var dialog = page.GetByTestId("user-dialog");
        await dialog.GetByTestId("user-form-email").FillAsync("not an email");
        await dialog.GetByTestId("user-save").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("field-error-email")).ToContainTextAsync("not a valid address");
        await Assertions.Expect(dialog.GetByTestId("field-error-role")).ToContainTextAsync("Role must be one of");
        await Assertions.Expect(dialog.GetByTestId("field-error-password")).ToContainTextAsync("Password is required");

        // A Customer without a customer, and a password the policy refuses.
        await dialog.GetByTestId("user-form-email").FillAsync("nobody@test.local");
        await dialog.GetByTestId("user-form-role").SelectOptionAsync("Customer");
        await dialog.GetByTestId("user-form-password").FillAsync("short");
        await dialog.GetByTestId("user-save").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("field-error-customerId")).ToContainTextAsync("Customer is required");
        await dialog.GetByTestId("user-form-role").SelectOptionAsync("Staff");
        await dialog.GetByTestId("user-save").ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("field-error-password")).ToContainTextAsync("at least");
        await Assertions.Expect(dialog).ToBeVisibleAsync();

        Assert.Equal(before, await UserCountAsync(app));
        await Assertions.Expect(Row(page, "nobody@test.local")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Disable_enable_and_a_role_change_re_render_in_a_second_admins_browser()
    {
        using var admin = await app.AdminClientAsync();
        var (email, _) = await ApiScenario.CreateUserAsync(admin, "Staff");
        var first = await UsersPageAsync(browser, app);
        var second = await UsersPageAsync(browser, app);
        var row = Row(first, email);
        var other = Row(second, email);
        await Assertions.Expect(other.GetByTestId("user-status")).ToHaveTextAsync("Active");

        await row.GetByTestId("user-disable").ClickAsync();
        await first.GetByTestId("disable-confirm").ClickAsync();
        await Assertions.Expect(row.GetByTestId("user-status")).ToHaveTextAsync("Disabled");
        await Assertions.Expect(other.GetByTestId("user-status")).ToHaveTextAsync("Disabled", new() { Timeout = FiveSeconds });

        await row.GetByTestId("user-enable").ClickAsync();
        await Assertions.Expect(other.GetByTestId("user-status")).ToHaveTextAsync("Active", new() { Timeout = FiveSeconds });

        await row.GetByTestId("user-edit").ClickAsync();
        await first.GetByTestId("user-dialog").GetByTestId("user-form-role").SelectOptionAsync("Delivery");
        await first.GetByTestId("user-save").ClickAsync();
        await Assertions.Expect(first.GetByTestId("user-dialog")).ToBeHiddenAsync();
        await Assertions.Expect(other.GetByTestId("user-role")).ToHaveTextAsync("Delivery", new() { Timeout = FiveSeconds });

        await using var db = app.Db();
        var id = await UserIdAsync(app, email);
        Assert.Equal("Delivery", await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name).SingleAsync());
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task A_disabled_users_open_browser_is_signed_out_and_sign_in_says_the_account_is_disabled()
    {
        using var admin = await app.AdminClientAsync();
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Staff");
        var staff = await browser.SignedInPageAsync(app.BaseAddress, email, password);
        await staff.GetByTestId("nav-customers").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("customers-table")).ToBeVisibleAsync();

        (await admin.PostAsync($"/api/v1/users/{await UserIdAsync(app, email)}/disable", null)).EnsureSuccessStatusCode();

        // No click, no reload: the open tab is sent to the sign-in page, and its cookie no longer opens any page.
        await Assertions.Expect(staff.GetByTestId("login-email")).ToBeVisibleAsync(new() { Timeout = FiveSeconds });
        await staff.GotoAsync("/customers");
        await Assertions.Expect(staff.GetByTestId("login-email")).ToBeVisibleAsync();
        await staff.GetByTestId("login-email").FillAsync(email);
        await staff.GetByTestId("login-password").FillAsync(password);
        await staff.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("login-error")).ToContainTextAsync("disabled");
        await staff.Context.CloseAsync();
    }

    [Fact]
    public async Task A_generated_password_is_shown_once_and_replaces_the_old_one()
    {
        using var admin = await app.AdminClientAsync();
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Delivery");
        var page = await UsersPageAsync(browser, app);

        await Row(page, email).GetByTestId("user-password").ClickAsync();
        await page.GetByTestId("password-generate").ClickAsync();
        var shown = await page.GetByTestId("generated-password").InnerTextAsync();
        await page.GetByTestId("password-done").ClickAsync();
        await Assertions.Expect(page.GetByTestId("password-dialog")).ToBeHiddenAsync();

        using var http = app.Anonymous();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.PostAsync("/api/v1/auth/token", Json(email, shown))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await http.PostAsync("/api/v1/auth/token", Json(email, password))).StatusCode);
        await page.Context.CloseAsync();
    }

    private static System.Net.Http.Json.JsonContent Json(string email, string password) => System.Net.Http.Json.JsonContent.Create(new { email, password });
}
