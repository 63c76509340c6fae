using Dashboard.Domain.Events;
using Dashboard.Domain.Stats;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Shared;

/// <summary>
/// The one way a page goes live: subscribe to domain events or live stats, get called back on the page's
/// synchronization context, re-render, and drop every subscription when the page goes away. No polling.
/// </summary>
/// <remarks>
/// A page that subscribes to anything is also told when its circuit comes back after a dropped connection, and when it
/// fell so far behind that the aggregator dropped its queued events (<see cref="ResyncAsync"/>): it reloads from the
/// database then, instead of trusting what it held, and says so in a toast.
/// </remarks>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly CancellationTokenSource _lifetime = new();
    private bool _resyncHooked;
    private Action? _resyncAfterGap;
    private bool _disposed;

    [Inject]
    private IEventAggregator Events { get; set; } = default!;

    [Inject]
    private LiveStats Stats { get; set; } = default!;

    [Inject]
    private CircuitConnection Connection { get; set; } = default!;

    [Inject]
    private ToastService Toasts { get; set; } = default!;

    public const string ReloadedAfterReconnect = "Connection restored: figures reloaded from the database.";

    public const string ReloadedAfterFallingBehind = "This page fell behind a burst of changes: figures reloaded from the database.";

    /// <summary>Pre-rendering produces HTML once; only a live circuit subscribes.</summary>
    protected bool IsLive => RendererInfo.IsInteractive;

    protected void Subscribe<TEvent>(Action<TEvent> apply) where TEvent : IDomainEvent =>
        Subscribe<TEvent>(e =>
        {
            apply(e);
            return Task.CompletedTask;
        });

    /// <summary>The same, for handlers that need to await (e.g. reload a row from the database).</summary>
    protected void Subscribe<TEvent>(Func<TEvent, Task> apply) where TEvent : IDomainEvent
    {
        if (IsLive)
        {
            HookResync();
            // Several subscriptions of one page fall behind together: one reload for all of them.
            _resyncAfterGap ??= Coalesce(() => ResyncAndSayAsync(ReloadedAfterFallingBehind), 50);
            _subscriptions.Add(Events.Subscribe<TEvent>(e => OnUiAsync(() => apply(e)), () =>
            {
                _resyncAfterGap();
                return Task.CompletedTask;
            }));
        }
    }

    protected void WatchStats(DateOnly date, Action<ReportStats> apply)
    {
        if (IsLive)
        {
            HookResync();
            _subscriptions.Add(Stats.Watch(date, s => OnUiAsync(() => Run(apply, s))));
        }
    }

    /// <summary>Re-renders when an outside source (not a domain event) says something changed, e.g. who is online.</summary>
    protected void Track(Func<Action, IDisposable> watch, Action apply)
    {
        if (IsLive)
        {
            HookResync();
            _subscriptions.Add(watch(() => _ = OnUiAsync(() => Run(apply))));
        }
    }

    /// <summary>
    /// Returns a trigger that runs <paramref name="work"/> once, <paramref name="delayMs"/> after the first call,
    /// however many calls arrive meanwhile: a burst of events costs one reload. A call made while the work runs
    /// schedules one more run, so the last event is never missed. Call the trigger from the page's own callbacks.
    /// </summary>
    protected Action Coalesce(Func<Task> work, int delayMs = 150)
    {
        var pending = false;
        return () =>
        {
            if (pending || _disposed)
            {
                return;
            }

            pending = true;
            _ = RunLaterAsync();
        };

        async Task RunLaterAsync()
        {
            try
            {
                await Task.Delay(delayMs, _lifetime.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await OnUiAsync(() =>
            {
                pending = false;
                return work();
            });
        }
    }

    /// <summary>Called after the circuit reconnects: reload what the page shows from the database.</summary>
    protected virtual Task ResyncAsync() => Task.CompletedTask;

    private void HookResync()
    {
        if (!_resyncHooked)
        {
            _resyncHooked = true;
            _subscriptions.Add(Connection.OnReconnected(() => _ = OnUiAsync(() => ResyncAndSayAsync(ReloadedAfterReconnect))));
        }
    }

    private async Task ResyncAndSayAsync(string message)
    {
        await ResyncAsync();
        Toasts.InfoOnce(message);
    }

    private static Task Run<T>(Action<T> apply, T value)
    {
        apply(value);
        return Task.CompletedTask;
    }

    private static Task Run(Action apply)
    {
        apply();
        return Task.CompletedTask;
    }

    private async Task OnUiAsync(Func<Task> apply)
    {
        try
        {
            await InvokeAsync(async () =>
            {
                if (_disposed)
                {
                    return;
                }

                await apply();
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
        _disposed = true;
        _lifetime.Cancel();
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _subscriptions.Clear();
        _lifetime.Dispose();
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>For pages that own more than their subscriptions.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
