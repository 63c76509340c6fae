using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Dashboard.Components.Shared;

/// <summary>
/// Use with <c>@bind-Open</c>: the dialog asks to close through <see cref="OpenChanged"/> and never sets
/// <see cref="Open"/> itself. Put a form in <see cref="ChildContent"/>; footer buttons reach it with <c>form="id"</c>.
/// </summary>
public partial class Dialog
{
    private readonly string _titleId = "dialog-title-" + Guid.NewGuid().ToString("N")[..8];
    private ElementReference _element;
    private bool _shown;

    [Parameter]
    public bool Open { get; set; }

    [Parameter]
    public EventCallback<bool> OpenChanged { get; set; }

    [Parameter, EditorRequired]
    public string Title { get; set; } = "";

    [Parameter]
    public string? TestId { get; set; }

    /// <summary>"sm", "lg" or "xl"; empty for Tabler's default width.</summary>
    [Parameter]
    public string Size { get; set; } = "";

    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    [Parameter]
    public RenderFragment? Footer { get; set; }

    private string SizeClass => Size is "" ? "" : $"modal-{Size}";

    /// <summary>What the close button and Escape do; also for a footer's Cancel button.</summary>
    public Task CloseAsync() => OpenChanged.InvokeAsync(false);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (Open && !_shown)
        {
            _shown = true;
            await JS.InvokeVoidAsync("dashboardDialog.open", _element, _titleId);
        }
        else if (!Open && _shown)
        {
            _shown = false;
            await JS.InvokeVoidAsync("dashboardDialog.closed", _titleId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_shown)
        {
            try
            {
                await JS.InvokeVoidAsync("dashboardDialog.closed", _titleId);
            }
            catch (JSDisconnectedException)
            {
                // The tab is gone; so is its focus.
            }
        }

        GC.SuppressFinalize(this);
    }
}
