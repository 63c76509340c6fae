using Microsoft.Playwright;

namespace Dashboard.Tests.Support;

/// <summary>Debian's Chromium driven by Playwright (never a downloaded browser); one per test class.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("DASHBOARD_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium not found at {executable}: run scripts/test.sh, which installs Debian's chromium.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
    }

    /// <summary>A fresh browser profile (own cookies) signed in on the Dashboard page and live.</summary>
    /// <param name="locale">The browser's language (navigator.language, what a native date input follows), e.g. en-US.</param>
    public async Task<IPage> SignedInPageAsync(Uri baseAddress, string email, string password, string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = locale });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await WaitLiveAsync(page);
        return page;
    }

    public static Task WaitLiveAsync(IPage page, float timeoutMs = 15_000) =>
        page.Locator("[data-testid=live-status][data-state=live]").WaitForAsync(new LocatorWaitForOptions { Timeout = timeoutMs });
}
