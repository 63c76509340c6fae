using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

public sealed class ChangePasswordTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_user_changes_their_password_and_only_the_new_one_works()
    {
        using var admin = await app.AdminClientAsync();
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Staff");
        var page = await browser.SignedInPageAsync(app.BaseAddress, email, password);
        await page.GetByTestId("current-user").ClickAsync();

        await page.GetByTestId("password-current").FillAsync("wrong");
        await page.GetByTestId("password-new").FillAsync("New-Pass-2468!");
        await page.GetByTestId("password-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("password-message")).ToContainTextAsync("Incorrect password");

        await page.GetByTestId("password-current").FillAsync(password);
        await page.GetByTestId("password-new").FillAsync("New-Pass-2468!");
        await page.GetByTestId("password-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("password-message")).ToContainTextAsync("has been changed");

        using var http = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "New-Pass-2468!" })).StatusCode);
        await page.GotoAsync("/");
        await BrowserFixture.WaitLiveAsync(page);

        // Like every write, it went through the domain writer: logged once (the wrong try wrote nothing), never the password.
        await using var db = app.Db();
        var logged = await db.Activity.Where(a => a.Action == "user.password_changed").ToListAsync();
        Assert.Equal($"{email} changed their password", Assert.Single(logged).Summary);
        Assert.DoesNotContain("New-Pass-2468!", logged[0].Before + logged[0].After, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
