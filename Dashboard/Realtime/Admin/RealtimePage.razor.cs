using System.Globalization;
using Dashboard.Components.Shared;
using Dashboard.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Realtime.Admin;

/// <summary>
/// What the Socket.IO Admin UI shows, built in: every connection with its rooms, the rooms with their members, events in
/// and out per second, errors by code and recoveries. Connections move live (the registry's Watch); the rates tick once a
/// second, which is what a rate is.
/// </summary>
public sealed partial class RealtimePage
{
    private const int Window = 60;
    private static readonly object ChartOptions = new { colors = new[] { "#2fb344", "#f76707" }, chart = new { animations = new { enabled = false } } };

    private readonly CancellationTokenSource _stop = new();
    private readonly Queue<decimal> _in = new(Enumerable.Repeat(0m, Window));
    private readonly Queue<decimal> _out = new(Enumerable.Repeat(0m, Window));
    private readonly IReadOnlyList<string> _seconds = [.. Enumerable.Range(0, Window).Select(i => (Window - 1 - i).ToString(CultureInfo.InvariantCulture))];
    private IReadOnlyList<RealtimeConnection> _connections = [];
    private IReadOnlyList<(string Room, IReadOnlyList<string> Members)> _rooms = [];
    private IReadOnlyDictionary<string, long> _errors = new Dictionary<string, long>();
    private IReadOnlyDictionary<string, long> _recoveries = new Dictionary<string, long>();
    private long _replayed;
    private (long In, long Out) _totals;

    [Inject]
    private ConnectionRegistry Registry { get; set; } = default!;

    [Inject]
    private RealtimeMetrics Metrics { get; set; } = default!;

    [Inject]
    private Formats F { get; set; } = default!;

    private ChartFormat Count => new("count", F.Culture.Name, null, v => v.ToString("0", F.Culture));

    private IReadOnlyList<ChartSeries> Rates => [new("In", [.. _in]), new("Out", [.. _out])];

    protected override void OnInitialized()
    {
        _totals = (Metrics.TotalIn, Metrics.TotalOut);
        Track(Registry.Watch, Load);
        Load();
        ReadMetrics();
        if (IsLive)
        {
            _ = TickAsync();
        }
    }

    protected override Task ResyncAsync()
    {
        Load();
        return Task.CompletedTask;
    }

    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await InvokeAsync(() =>
                {
                    Sample();
                    Load(); // last seen moves without a watcher call
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void Sample()
    {
        var totals = (Metrics.TotalIn, Metrics.TotalOut);
        Push(_in, totals.TotalIn - _totals.In);
        Push(_out, totals.TotalOut - _totals.Out);
        _totals = totals;
        ReadMetrics();

        static void Push(Queue<decimal> series, long value)
        {
            series.Dequeue();
            series.Enqueue(value);
        }
    }

    private void ReadMetrics() => (_errors, _recoveries, _replayed) = (Metrics.ErrorsByCode, Metrics.Recoveries, Metrics.ReplayedEvents);

    private void Load()
    {
        _connections = [.. Registry.Snapshot().OrderBy(c => c.ConnectedAt)];
        _rooms = [.. _connections
            .SelectMany(c => c.Rooms.Select(room => (Room: room, c.UserName)))
            .GroupBy(x => x.Room, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(x => x.UserName)]))];
    }

    private string Last(Queue<decimal> series) => series.Last().ToString("0", F.Culture);

    protected override void Dispose(bool disposing)
    {
        _stop.Cancel();
        _stop.Dispose();
        base.Dispose(disposing);
    }
}
