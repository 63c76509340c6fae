using System.Text.Json;

namespace Dashboard.Tests.Support;

/// <summary>
/// One official JavaScript protocol client run by node (a driver under Dashboard.Tests/Realtime/js/), talking JSON lines:
/// commands on stdin; on stdout server events (<c>type: "event"</c>), replies to commands (lines with an <c>id</c>)
/// and lifecycle reports (anything else). Events and reports are buffered from the moment the process starts, so a
/// wait never races the message it waits for.
/// </summary>
public abstract class NodeClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    protected static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly string _name;
    private readonly NodeProcess _node;
    private readonly Lock _gate = new();
    private readonly List<(string Name, JsonElement[] Args)> _events = [];
    private readonly List<JsonElement> _reports = [];
    private readonly Dictionary<int, TaskCompletionSource<JsonElement>> _pending = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextId;
    private bool _disposed;

    /// <param name="name">The protocol's name in messages ("SignalR", "Socket.IO").</param>
    protected NodeClient(NodeProcess node, string name)
    {
        _node = node;
        _name = name;
        _node.Pump(Handle, OnExited);
    }

    /// <summary>True while the protocol connection is open (and the node process alive).</summary>
    public abstract bool Connected { get; }

    /// <summary>Everything node wrote to stderr so far (the client library's warnings and errors).</summary>
    public string Stderr => _node.Stderr;

    /// <summary>A snapshot of the events received so far, in arrival order.</summary>
    public IReadOnlyList<(string Name, JsonElement[] Args)> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    protected bool HasExited => _exited.Task.IsCompleted;

    /// <summary>
    /// The arguments of the first <paramref name="name"/> event (matching <paramref name="match"/>) received at any time
    /// since the client started, waiting for it when none has arrived yet.
    /// </summary>
    public Task<JsonElement[]> WaitForEventAsync(string name, Func<JsonElement[], bool>? match = null, TimeSpan? timeout = null) =>
        WaitUntilAsync(() =>
        {
            var i = _events.FindIndex(e => e.Name == name && (match is null || match(e.Args)));
            return i < 0 ? (false, []) : (true, _events[i].Args);
        }, timeout ?? DefaultTimeout, $"'{name}' event{(match is null ? "" : " matching the condition")}");

    /// <summary>Waits until at least <paramref name="count"/> <paramref name="name"/> events matching <paramref name="match"/> have arrived.</summary>
    public Task WaitForEventCountAsync(string name, Func<JsonElement[], bool> match, int count, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => (_events.Count(e => e.Name == name && match(e.Args)) >= count, true), timeout ?? DefaultTimeout,
            $"{count} '{name}' events matching the condition");

    /// <summary>
    /// Waits <paramref name="within"/> and fails the test if a <paramref name="name"/> event (matching
    /// <paramref name="match"/>) arrived at any time since the client started, failing as soon as one does. Also fails
    /// when the connection is no longer open at the end: a closed client receives nothing, which would prove nothing.
    /// </summary>
    public async Task AssertNoEventAsync(string name, Func<JsonElement[], bool>? match, TimeSpan within)
    {
        try
        {
            var args = await WaitForEventAsync(name, match, within);
            Assert.Fail($"Expected no '{name}' event{(match is null ? "" : " matching the condition")}, but received one: " +
                $"{JsonSerializer.Serialize(args, JsonOptions)}.{Diagnostics()}");
        }
        catch (TimeoutException)
        {
            if (!Connected)
            {
                throw new InvalidOperationException($"The connection closed while asserting no '{name}' event.{Diagnostics()}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            GC.SuppressFinalize(this);
            await _node.DisposeAsync();
        }
    }

    /// <summary>Waits for the client's first connection outcome; disposes the client when there is none.</summary>
    protected static async Task<T> StartedAsync<T>(T client, Func<T, Task> waitForOutcome)
        where T : NodeClient
    {
        try
        {
            await waitForOutcome(client);
            return client;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The first lifecycle report at or after index <paramref name="from"/> whose type is one of <paramref name="types"/>,
    /// with its index, waiting for it when none has arrived yet.
    /// </summary>
    protected Task<(JsonElement Report, int Index)> WaitForReportAsync(int from, TimeSpan timeout, string what, params string[] types) =>
        WaitUntilAsync(() =>
        {
            var i = _reports.FindIndex(Math.Min(from, _reports.Count), r => types.Contains(TypeOf(r)));
            return i < 0 ? (false, default) : (true, (_reports[i], i));
        }, timeout, what);

    /// <summary>How many lifecycle reports have come so far (the index the next one will have).</summary>
    protected int ReportCount
    {
        get
        {
            lock (_gate)
            {
                return _reports.Count;
            }
        }
    }

    /// <summary>The last lifecycle report whose type is one of <paramref name="types"/>, if any.</summary>
    protected JsonElement? LastReport(params string[] types)
    {
        lock (_gate)
        {
            return _reports.FindLast(r => types.Contains(TypeOf(r))) is { ValueKind: JsonValueKind.Object } last ? last : null;
        }
    }

    /// <summary>How many lifecycle reports whose type is one of <paramref name="types"/> arrived so far.</summary>
    protected int CountReports(params string[] types)
    {
        lock (_gate)
        {
            return _reports.Count(r => types.Contains(TypeOf(r)));
        }
    }

    /// <summary>Sends a command carrying a fresh id and returns the driver's reply line (with the same id).</summary>
    protected async Task<JsonElement> RequestAsync(Func<int, object> command, TimeSpan timeout, string what)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool exited;
        lock (_gate)
        {
            // Checked under the lock that OnExited takes, so that a reply registered here is never left hanging.
            exited = HasExited;
            if (!exited)
            {
                _pending[id] = reply;
            }
        }

        if (exited)
        {
            throw new InvalidOperationException($"The node client has exited.{Diagnostics()}");
        }

        try
        {
            await WriteAsync(command(id));
            return await reply.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what} within {timeout.TotalSeconds} s.{Diagnostics()}");
        }
        finally
        {
            lock (_gate)
            {
                _pending.Remove(id);
            }
        }
    }

    protected static string? TypeOf(JsonElement message) =>
        message.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    protected string Diagnostics()
    {
        List<JsonElement> reports;
        lock (_gate)
        {
            reports = [.. _reports.TakeLast(10)];
        }

        var events = Events;
        var summary = events.Count == 0
            ? "none"
            : string.Join(", ", events.TakeLast(30).Select(e => $"{e.Name}{JsonSerializer.Serialize(e.Args, JsonOptions)}"));
        var stderr = Stderr;
        return $"\nEvents received ({events.Count}{(events.Count > 30 ? ", last 30" : "")}): {summary}" +
            (reports.Count == 0 ? "" : $"\nLast reports: {string.Join(", ", reports.Select(r => r.GetRawText()))}") +
            (stderr.Length == 0 ? "" : $"\nnode stderr:\n{stderr}");
    }

    /// <summary>One wait loop for events and reports: checks the buffer under the lock, then sleeps until it changes.</summary>
    private async Task<T> WaitUntilAsync<T>(Func<(bool Found, T Value)> find, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var (found, value) = find();
                if (found)
                {
                    return value;
                }

                changed = _changed.Task;
            }

            if (HasExited)
            {
                throw new InvalidOperationException($"The node client exited before a {what} arrived.{Diagnostics()}");
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No {what} within {limit.TotalSeconds} s.{Diagnostics()}");
            }

            try
            {
                await Task.WhenAny(changed, _exited.Task).WaitAsync(remaining);
            }
            catch (TimeoutException)
            {
                // Loop once more: the check above reports what did arrive.
            }
        }
    }

    private async Task WriteAsync(object command)
    {
        try
        {
            await _node.WriteLineAsync(JsonSerializer.Serialize(command, JsonOptions));
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"The node client has exited (writing to it failed: {e.Message}).{Diagnostics()}", e);
        }
    }

    private void Handle(string line)
    {
        JsonElement message;
        try
        {
            using var document = JsonDocument.Parse(line);
            message = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            _node.AppendStderr($"[non-JSON line on stdout] {line}");
            return;
        }

        try
        {
            Dispatch(message, line);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            _node.AppendStderr($"[unexpected line on stdout: {e.Message}] {line}");
        }
    }

    private void Dispatch(JsonElement message, string line)
    {
        var type = TypeOf(message);
        if (type == "protocol-error")
        {
            _node.AppendStderr($"[driver] {line}");
        }
        else if (message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number)
        {
            // A reply nobody waits for any more (its wait timed out) is dropped.
            TaskCompletionSource<JsonElement>? reply;
            lock (_gate)
            {
                reply = _pending.GetValueOrDefault(id.GetInt32());
            }

            reply?.TrySetResult(message);
        }
        else
        {
            TaskCompletionSource changed;
            lock (_gate)
            {
                if (type == "event")
                {
                    _events.Add((message.GetProperty("name").GetString()!, message.GetProperty("args").EnumerateArray().ToArray()));
                }
                else
                {
                    _reports.Add(message);
                }

                changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
        }
    }

    private void OnExited()
    {
        var exited = new InvalidOperationException($"The node {_name} client exited.{Diagnostics()}");
        List<TaskCompletionSource<JsonElement>> pending;
        lock (_gate)
        {
            // Under the lock, so that no request can register after this and wait for a reply that cannot come.
            pending = [.. _pending.Values];
            _exited.TrySetResult();
        }

        foreach (var reply in pending)
        {
            reply.TrySetException(exited);
        }
    }
}
