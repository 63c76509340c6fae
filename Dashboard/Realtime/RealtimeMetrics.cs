using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Dashboard.Realtime;

/// <summary>Counts of real-time traffic, exposed as .NET metrics (meter "Dashboard.Realtime") and as a JSON snapshot.</summary>
public sealed class RealtimeMetrics : IDisposable
{
    private readonly Meter _meter = new("Dashboard.Realtime");
    private readonly Counter<long> _in;
    private readonly Counter<long> _out;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _slowClients;
    private readonly ConcurrentDictionary<string, long> _inByName = new();
    private readonly ConcurrentDictionary<string, long> _outByName = new();
    private readonly ConcurrentDictionary<string, long> _errorsByCode = new();
    private readonly Counter<long> _recoveries;
    private readonly Counter<long> _replayed;
    private readonly ConcurrentDictionary<string, long> _recoveriesByOutcome = new();
    private long _replayedTotal;
    private long _totalIn;
    private long _totalOut;
    private readonly Stopwatch _uptime = Stopwatch.StartNew();

    public RealtimeMetrics()
    {
        _in = _meter.CreateCounter<long>("dashboard.realtime.events_in");
        _out = _meter.CreateCounter<long>("dashboard.realtime.events_out");
        _errors = _meter.CreateCounter<long>("dashboard.realtime.errors");
        _slowClients = _meter.CreateCounter<long>("dashboard.realtime.slow_clients_dropped");
        _recoveries = _meter.CreateCounter<long>("dashboard.realtime.recoveries");
        _replayed = _meter.CreateCounter<long>("dashboard.realtime.replayed_events");
    }

    public void Received(string name, string transport)
    {
        Interlocked.Increment(ref _totalIn);
        _inByName.AddOrUpdate(name, 1, (_, n) => n + 1);
        _in.Add(1, new KeyValuePair<string, object?>("event", name), new KeyValuePair<string, object?>("transport", transport));
    }

    public void Published(string name, string transport)
    {
        Interlocked.Increment(ref _totalOut);
        _outByName.AddOrUpdate($"{transport} {name}", 1, (_, n) => n + 1);
        _out.Add(1, new KeyValuePair<string, object?>("event", name), new KeyValuePair<string, object?>("transport", transport));
    }

    public void Failed(string code)
    {
        _errorsByCode.AddOrUpdate(code, 1, (_, n) => n + 1);
        _errors.Add(1, new KeyValuePair<string, object?>("code", code));
    }

    private long _slowClientsDropped;

    /// <summary>A client fell so far behind that its connection was dropped (it reconnects and recovers).</summary>
    public void SlowClientDropped(string transport)
    {
        Interlocked.Increment(ref _slowClientsDropped);
        _slowClients.Add(1, new KeyValuePair<string, object?>("transport", transport));
    }

    /// <summary>
    /// A reconnecting client offered a session to recover: "recovered", or why it got a fresh one (unknown, other-user,
    /// expired, not-covered, too-many, in-use, bad-offset).
    /// </summary>
    public void Recovery(string outcome)
    {
        _recoveriesByOutcome.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        _recoveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>Events a recovered client was sent from the log.</summary>
    public void Replayed(int count)
    {
        Interlocked.Add(ref _replayedTotal, count);
        _replayed.Add(count);
    }

    /// <summary>Every event received since start, on every transport (the real-time page's rate is the change per second).</summary>
    public long TotalIn => Interlocked.Read(ref _totalIn);

    /// <summary>Every event sent to rooms since start (once per event and transport, not per recipient).</summary>
    public long TotalOut => Interlocked.Read(ref _totalOut);

    public IReadOnlyDictionary<string, long> ErrorsByCode => new SortedDictionary<string, long>(_errorsByCode, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Recoveries => new SortedDictionary<string, long>(_recoveriesByOutcome, StringComparer.Ordinal);

    public long Recovered => _recoveriesByOutcome.GetValueOrDefault("recovered");

    public long ReplayedEvents => Interlocked.Read(ref _replayedTotal);

    /// <summary>The counters, with the open <paramref name="connections"/> and their rooms (joined at connect or later).</summary>
    public object Snapshot(IReadOnlyList<RealtimeConnection> connections)
    {
        using var process = Process.GetCurrentProcess();
        return new
        {
            UptimeSeconds = (long)_uptime.Elapsed.TotalSeconds,
            Connections = connections.Count,
            Rooms = RealtimeEndpoints.RoomCounts(connections),
            EventsIn = new SortedDictionary<string, long>(_inByName, StringComparer.Ordinal),
            EventsOut = new SortedDictionary<string, long>(_outByName, StringComparer.Ordinal),
            ErrorsByCode = new SortedDictionary<string, long>(_errorsByCode, StringComparer.Ordinal),
            SlowClientsDropped = Interlocked.Read(ref _slowClientsDropped),
            Recoveries = new SortedDictionary<string, long>(_recoveriesByOutcome, StringComparer.Ordinal),
            ReplayedEvents = Interlocked.Read(ref _replayedTotal),
            Process = new { WorkingSetBytes = process.WorkingSet64, GcHeapBytes = GC.GetTotalMemory(false) },
        };
    }

    public void Dispose() => _meter.Dispose();
}
