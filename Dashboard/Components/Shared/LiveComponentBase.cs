using Dashboard.Domain.Events;
using Dashboard.Domain.Stats;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Shared;

/// <summary>
/// The one way a page goes live: subscribe to domain events or live stats, get called back on the page's
/// synchronization context, re-render, and drop every subscription when the page goes away. No polling.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];

    [Inject]
    private IEventAggregator Events { get; set; } = default!;

    [Inject]
    private LiveStats Stats { get; set; } = default!;

    /// <summary>Pre-rendering produces HTML once; only a live circuit subscribes.</summary>
    protected bool IsLive => RendererInfo.IsInteractive;

    protected void Subscribe<TEvent>(Action<TEvent> apply) where TEvent : IDomainEvent
    {
        if (IsLive)
        {
            _subscriptions.Add(Events.Subscribe<TEvent>(e => OnUiAsync(() => apply(e))));
        }
    }

    protected void WatchStats(DateOnly date, Action<ReportStats> apply)
    {
        if (IsLive)
        {
            _subscriptions.Add(Stats.Watch(date, s => OnUiAsync(() => apply(s))));
        }
    }

    /// <summary>Re-renders when an outside source (not a domain event) says something changed, e.g. who is online.</summary>
    protected void Track(Func<Action, IDisposable> watch, Action apply)
    {
        if (IsLive)
        {
            _subscriptions.Add(watch(() => _ = OnUiAsync(apply)));
        }
    }

    private async Task OnUiAsync(Action apply)
    {
        try
        {
            await InvokeAsync(() =>
            {
                apply();
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between the event and the render; nothing to show it to.
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _subscriptions.Clear();
        GC.SuppressFinalize(this);
    }
}
