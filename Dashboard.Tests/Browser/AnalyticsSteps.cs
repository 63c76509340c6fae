using Dashboard.Domain.Analytics;
using Dashboard.Domain.Common;
using Dashboard.Infrastructure;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Browser;

/// <summary>Steps shared by the analytics page's browser tests, in the words of the page's test ids.</summary>
public static class AnalyticsSteps
{
    public static readonly string[] Charts = ["chart-liters", "chart-money", "chart-methods", "chart-aging"];

    /// <summary>Every chart drawn by ApexCharts (an svg in its element, which the JS module marks ready).</summary>
    public static async Task ChartsReadyAsync(IPage page)
    {
        foreach (var chart in Charts)
        {
            var canvas = page.GetByTestId($"{chart}-canvas");
            await Assertions.Expect(canvas).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 15_000 });
            await Assertions.Expect(canvas.Locator("svg.apexcharts-svg")).ToBeVisibleAsync();
        }
    }

    /// <summary>What the database says the page should show, computed by the same service the page uses.</summary>
    public static Task<AnalyticsReport> ReportAsync(DashboardApp app, int days = 30) =>
        app.Services.GetRequiredService<AnalyticsService>().GetAsync(new Actor("test", "Test", Roles.Admin, Channel.Api), days);

    public static Formats Formats(DashboardApp app) => app.Services.GetRequiredService<Formats>();

    /// <summary>The accessible table's cell for the chart's last category (today, for the daily charts).</summary>
    public static ILocator LastValue(IPage page, string chart, string series) =>
        page.GetByTestId($"{chart}-row").Last.Locator($"td[data-series='{series}']");

    /// <summary>The values ApexCharts itself is drawing for one series.</summary>
    public static Task<double[]> DrawnAsync(IPage page, string chart, int series) =>
        page.GetByTestId($"{chart}-canvas").EvaluateAsync<double[]>($"el => el.__chart.then(c => c.w.config.series[{series}].data)");

    public static async Task<(int Created, int Updates)> ChartCountersAsync(IPage page, string chart)
    {
        var canvas = page.GetByTestId($"{chart}-canvas");
        return (int.Parse(await canvas.GetAttributeAsync("data-created") ?? "0"), int.Parse(await canvas.GetAttributeAsync("data-updates") ?? "0"));
    }

    /// <summary>A marker on the chart's element that a re-created element (or a reload) would not carry.</summary>
    public static Task MarkChartAsync(IPage page, string chart) =>
        page.GetByTestId($"{chart}-canvas").EvaluateAsync("el => el.__sameElement = true");

    public static async Task AssertSameChartAsync(IPage page, string chart)
    {
        Assert.True(await page.GetByTestId($"{chart}-canvas").EvaluateAsync<bool>("el => el.__sameElement === true"), $"{chart}'s element was re-created");
        Assert.Equal(1, (await ChartCountersAsync(page, chart)).Created);
    }
}
