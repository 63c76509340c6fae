using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>Steps shared by the customers pages' browser tests, in the words of the page's test ids.</summary>
public static class CustomerSteps
{
    public const float TwoSeconds = 2_000;

    /// <summary>Opens a page of the app in this signed-in browser and waits until its circuit is live.</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await BrowserFixture.WaitLiveAsync(page);
    }

    /// <summary>The customers list narrowed to one name by its search box; returns that customer's row.</summary>
    public static async Task<ILocator> FindRowAsync(IPage page, string name)
    {
        var search = page.GetByTestId("customer-search");
        await search.FillAsync(name);
        var row = page.GetByTestId("customer-row").Filter(new() { HasText = name });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        return row;
    }

    public static async Task FillFormAsync(IPage page, string? name = null, string? phone = null, string? route = null,
        string? quantity = null, string? price = null)
    {
        var dialog = page.GetByTestId("customer-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        foreach (var (field, value) in new[] { ("name", name), ("phone", phone), ("route", route), ("quantity", quantity), ("price", price) })
        {
            if (value is null)
            {
                continue;
            }

            // A route is picked from the business's list, not typed.
            var input = dialog.GetByTestId($"customer-form-{field}");
            await (field == "route" ? input.SelectOptionAsync(value) : input.FillAsync(value));
        }
    }

    /// <summary>A marker that a reload would erase: an update must arrive in the same document.</summary>
    public static Task MarkDocumentAsync(IPage page) => page.EvaluateAsync("() => window.__sameDocument = true");

    public static async Task AssertSameDocumentAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded");
}
