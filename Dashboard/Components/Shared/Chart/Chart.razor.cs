using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Dashboard.Components.Shared;

/// <summary>
/// An ApexCharts chart (wwwroot/js/charts.js): created on first render; when the parameters change later, the same
/// chart is updated in place (updateOptions/updateSeries), never re-created. The figures are also written in a
/// visually hidden table, for screen readers and tests.
/// </summary>
public sealed partial class Chart
{
    private ElementReference _element;
    private IJSObjectReference? _module;
    private bool _created;
    private bool _disposed;
    private string? _sentData;
    private string? _sentOptions;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>ApexCharts' chart type: "line", "area", "bar", "donut", …</summary>
    [Parameter, EditorRequired]
    public string Kind { get; set; } = "line";

    [Parameter, EditorRequired]
    public IReadOnlyList<string> Categories { get; set; } = [];

    [Parameter, EditorRequired]
    public IReadOnlyList<ChartSeries> Series { get; set; } = [];

    [Parameter, EditorRequired]
    public ChartFormat Format { get; set; } = default!;

    /// <summary>More ApexCharts options (plain data, no functions), merged over the defaults.</summary>
    [Parameter]
    public object? Options { get; set; }

    [Parameter, EditorRequired]
    public string Title { get; set; } = "";

    [Parameter]
    public string CategoryTitle { get; set; } = "Category";

    [Parameter, EditorRequired]
    public string TestId { get; set; } = "";

    [Parameter]
    public int Height { get; set; } = 260;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        try
        {
            if (firstRender)
            {
                _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/charts.js");
                (_sentData, _sentOptions) = (DataKey(), OptionsKey());
                await _module.InvokeVoidAsync("create", _element, Kind, Categories, Series, BrowserOptions());
                _created = true;
            }

            // Also after creating: the parameters may have changed while the library loaded.
            if (_created && !_disposed)
            {
                await UpdateIfChangedAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The tab went away; nothing to draw on.
        }
    }

    private async Task UpdateIfChangedAsync()
    {
        var (data, options) = (DataKey(), OptionsKey());
        if (data == _sentData && options == _sentOptions)
        {
            return;
        }

        // Marked as sent before the call, so a render during the call does not send the same figures twice.
        var optionsChanged = options != _sentOptions;
        (_sentData, _sentOptions) = (data, options);
        await _module!.InvokeVoidAsync("update", _element, Categories, Series, optionsChanged ? BrowserOptions() : null);
    }

    private Dictionary<string, object?> BrowserOptions() => new()
    {
        ["height"] = Height,
        ["format"] = Format.ForBrowser,
        ["extra"] = Options,
    };

    private string DataKey() => JsonSerializer.Serialize(new { Categories, Series });

    private string OptionsKey() => JsonSerializer.Serialize(new { Height, Format.Kind, Format.Locale, Format.Currency, Options });

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_module is null)
        {
            return;
        }

        try
        {
            await _module.InvokeVoidAsync("destroy", _element);
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the chart with its page.
        }
    }
}
