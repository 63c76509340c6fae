using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>Eight sign-in requests a minute from one address: the admin's token, then the page's seven.</summary>
public sealed class LoginLimitApp : DashboardApp
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Auth:SignIn:PermitPerMinute"] = "8",
    };
}

public sealed class LoginLimitTests(LoginLimitApp app, BrowserFixture browser) : IClassFixture<LoginLimitApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_sign_in_page_says_when_this_network_is_locked_out_of_an_account_and_when_it_tries_too_often()
    {
        using var admin = await app.AdminClientAsync();
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Staff");
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseAddress.ToString() });
        await page.GotoAsync("/account/login?ReturnUrl=%2Fcustomers");
        for (var i = 0; i < 5; i++)
        {
            await SubmitAsync(page, email, "wrong-" + i);
            await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync("Wrong email or password.");
        }

        // The sixth and seventh: the right password, but this network has used up its tries for this account.
        for (var i = 0; i < 2; i++)
        {
            await SubmitAsync(page, email, password);
            await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("Too many failed attempts for this account from your network");
        }

        // The eighth is over the address's limit: the rate limiter sends the browser back to the page, which says so.
        await SubmitAsync(page, email, password);
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("Too many sign-in attempts from your network; try again in");
        Assert.Contains("ReturnUrl=%2Fcustomers", page.Url, StringComparison.Ordinal);
        await page.CloseAsync();
    }

    private static async Task SubmitAsync(IPage page, string email, string password)
    {
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        // Each submit is a full form post; wait for the new document, so that no assertion reads the previous one.
        await page.EvaluateAsync("() => window.__submitted = true");
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForFunctionAsync("() => window.__submitted !== true && document.readyState !== 'loading'");
    }
}
