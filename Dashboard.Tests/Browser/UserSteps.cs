using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>Steps shared by the Users page's browser tests, in the words of the page's test ids.</summary>
public static class UserSteps
{
    public const float FiveSeconds = 5_000;

    public static async Task<IPage> UsersPageAsync(BrowserFixture browser, DashboardApp app)
    {
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.GetByTestId("nav-users").ClickAsync();
        await Assertions.Expect(page.GetByTestId("users-table")).ToBeVisibleAsync();
        return page;
    }

    public static ILocator Row(IPage page, string email) => page.GetByTestId("user-row").Filter(new() { HasText = email });

    public static async Task<string> UserIdAsync(DashboardApp app, string email)
    {
        await using var db = app.Db();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    public static async Task<int> UserCountAsync(DashboardApp app)
    {
        await using var db = app.Db();
        return await db.Users.CountAsync();
    }
}
