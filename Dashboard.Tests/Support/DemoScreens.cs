using Microsoft.Playwright;

namespace Dashboard.Tests.Support;

/// <summary>Checks and pictures shared by the demo-business browser tests (one Demo*Tests class per page).</summary>
public static class DemoScreens
{
    /// <summary>Set DASHBOARD_SCREENSHOTS to a folder to keep the pictures (scripts/screenshots.sh does).</summary>
    private static readonly string? ScreenshotDirectory = Environment.GetEnvironmentVariable("DASHBOARD_SCREENSHOTS");

    public static async Task AssertNoSidewaysScrollAtPhoneWidthAsync(IPage page, string what)
    {
        await page.SetViewportSizeAsync(390, 844);
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        var culprits = overflow ? await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => `${e.tagName}.${e.className}#${e.dataset.testid ?? ''} right=${Math.round(e.getBoundingClientRect().right)}`)") : [];
        Assert.False(overflow, $"{what} scrolls sideways at phone width: {string.Join("; ", culprits)}");
        // Tables may scroll inside their card, but a phone should not need to: their columns fit.
        await AssertTablesFitAsync(page, $"{what} on a phone");
    }

    /// <summary>No table needs its card's sideways scroll bar at the page's present width.</summary>
    public static async Task AssertTablesFitAsync(IPage page, string what)
    {
        var wideTables = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('.table-responsive')].filter(t => t.scrollWidth > t.clientWidth + 1).map(t => `${t.querySelector('table')?.dataset.testid} (${t.scrollWidth} > ${t.clientWidth} px)`)");
        Assert.True(wideTables.Length == 0, $"{what}: {string.Join(", ", wideTables)} wider than its card");
    }

    public static async Task SaveAsync(IPage page, string name)
    {
        if (!string.IsNullOrEmpty(ScreenshotDirectory))
        {
            Directory.CreateDirectory(ScreenshotDirectory);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name) });
        }
    }
}
