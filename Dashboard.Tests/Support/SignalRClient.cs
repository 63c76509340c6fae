using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Dashboard.Tests.Support;

/// <summary>
/// One client of the official <c>@microsoft/signalr</c> JavaScript package, run by node
/// (Dashboard.Tests/Realtime/js/signalr-client.mjs; the .NET client is not restorable here). Every event the hub
/// sends is buffered from the moment the process starts, so a wait never races the message it waits for.
/// A refused connection does not throw: check <see cref="Connected"/> and <see cref="FailureStatus"/>.
/// </summary>
public sealed class SignalRClient : IAsyncDisposable
{
    public const string DefaultHubPath = "hubs/live";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly StringBuilder _stderr = new();
    private readonly List<(string Name, JsonElement[] Args)> _events = [];
    private readonly Dictionary<int, TaskCompletionSource<JsonElement>> _pending = [];
    private readonly TaskCompletionSource<JsonElement> _start = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _stdin = new(1, 1);
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextId;
    private bool _disposed;

    private SignalRClient(Process process)
    {
        _process = process;
        _stderrPump = Task.Run(PumpStderrAsync);
        _stdoutPump = Task.Run(PumpStdoutAsync);
    }

    /// <summary>The driver script run by node.</summary>
    public static string ScriptPath { get; } = Path.Combine(RepoPaths.Root, "Dashboard.Tests", "Realtime", "js", "signalr-client.mjs");

    /// <summary>True once the connection started and until it closes.</summary>
    public bool Connected => _start.Task.IsCompletedSuccessfully && !_closed.Task.IsCompleted;

    public string? ConnectionId { get; private set; }

    /// <summary>The HTTP status of a refused start (401, 403, 404...), when the client reported one.</summary>
    public int? FailureStatus { get; private set; }

    /// <summary>The client's error message when the start failed; null when it started.</summary>
    public string? FailureMessage { get; private set; }

    /// <summary>Everything node wrote to stderr so far (the SignalR client's warnings and errors).</summary>
    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

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

    /// <summary>The hub at <see cref="DefaultHubPath"/> under the app's base address.</summary>
    public static Task<SignalRClient> ConnectAsync(Uri baseAddress, string? token, string transport = "websockets", TimeSpan? timeout = null) =>
        ConnectAsync(baseAddress, token, transport, timeout, hubPath: DefaultHubPath, events: null);

    /// <param name="hubPath">Relative to <paramref name="baseAddress"/>, or an absolute hub URL.</param>
    /// <param name="events">Hub-to-client method names to record; null = the script's default list.</param>
    public static async Task<SignalRClient> ConnectAsync(Uri baseAddress, string? token, string transport, TimeSpan? timeout,
        string hubPath, IEnumerable<string>? events)
    {
        if (!File.Exists(ScriptPath))
        {
            throw new FileNotFoundException("The SignalR driver script is missing.", ScriptPath);
        }

        if (!Directory.Exists(Path.Combine(RepoPaths.Root, "node_modules", "@microsoft", "signalr")))
        {
            throw new InvalidOperationException($"node_modules/@microsoft/signalr is missing: run 'npm ci' in {RepoPaths.Root} (scripts/test.sh does).");
        }

        var hub = new Uri(baseAddress, hubPath);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ScriptPath);
        start.ArgumentList.Add(hub.ToString());
        start.ArgumentList.Add("--transport");
        start.ArgumentList.Add(transport);
        if (events is not null)
        {
            start.ArgumentList.Add("--events");
            start.ArgumentList.Add(string.Join(',', events));
        }

        // The token goes through the environment, not the command line (which any local user can list).
        start.Environment["SIGNALR_TOKEN"] = token ?? "";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("Could not start 'node' (Node.js 20+ must be on PATH) for the SignalR client.", e);
        }

        var client = new SignalRClient(process);
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        try
        {
            var started = await client._start.Task.WaitAsync(limit);
            client.ConnectionId = started.TryGetProperty("connectionId", out var id) ? id.GetString() : null;
        }
        catch (SignalRStartFailedException failed)
        {
            client.FailureMessage = failed.Message;
            client.FailureStatus = failed.Status;
        }
        catch (TimeoutException)
        {
            await client.DisposeAsync();
            throw new TimeoutException($"The SignalR client did not report started or start-failed within {limit.TotalSeconds} s ({hub}, {transport}).{client.Diagnostics()}");
        }
        catch (InvalidOperationException)
        {
            await client.DisposeAsync();
            throw;
        }

        return client;
    }

    /// <summary>Invokes a hub method and returns its result (null for a void method, as JSON null).</summary>
    /// <exception cref="SignalRInvokeException">The hub answered with an error (a HubException, a missing method...).</exception>
    public async Task<JsonElement> InvokeAsync(string method, params object?[] args)
    {
        var (id, reply) = Register();
        try
        {
            await WriteAsync(new { op = "invoke", id, method, args });
            return await reply.Task.WaitAsync(DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No reply to invoke '{method}' within {DefaultTimeout.TotalSeconds} s.{Diagnostics()}");
        }
        finally
        {
            lock (_gate)
            {
                _pending.Remove(id);
            }
        }
    }

    /// <summary>Fire-and-forget: returns once the message is written to the connection, with no reply from the hub.</summary>
    public async Task SendAsync(string method, params object?[] args)
    {
        var (id, reply) = Register();
        try
        {
            await WriteAsync(new { op = "send", id, method, args });
            await reply.Task.WaitAsync(DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Send '{method}' was not written within {DefaultTimeout.TotalSeconds} s.{Diagnostics()}");
        }
        finally
        {
            lock (_gate)
            {
                _pending.Remove(id);
            }
        }
    }

    /// <summary>
    /// The arguments of the first <paramref name="name"/> event (matching <paramref name="match"/>) received at any time
    /// since the client started, waiting for it when none has arrived yet.
    /// </summary>
    public async Task<JsonElement[]> WaitForEventAsync(string name, Func<JsonElement[], bool>? match = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                foreach (var (eventName, args) in _events)
                {
                    if (eventName == name && (match is null || match(args)))
                    {
                        return args;
                    }
                }

                changed = _changed.Task;
            }

            if (_exited.Task.IsCompleted)
            {
                throw new InvalidOperationException($"The node client exited before a '{name}' event arrived.{Diagnostics()}");
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException(
                    $"No '{name}' event{(match is null ? "" : " matching the condition")} within {limit.TotalSeconds} s.{Diagnostics()}");
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

    /// <summary>The close reason (null for a clean close) once the connection has closed.</summary>
    public async Task<string?> WaitClosedAsync(TimeSpan timeout)
    {
        try
        {
            return await _closed.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The connection did not close within {timeout.TotalSeconds} s.{Diagnostics()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            try
            {
                await WriteAsync(new { op = "stop" });
                _process.StandardInput.Close();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                try
                {
                    _process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited in the meantime.
                }

                await _process.WaitForExitAsync();
            }
        }

        await Task.WhenAll(_stdoutPump, _stderrPump);
        _process.Dispose();
        _stdin.Dispose();
    }

    private (int Id, TaskCompletionSource<JsonElement> Reply) Register()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool exited;
        lock (_gate)
        {
            exited = _exited.Task.IsCompleted;
            if (!exited)
            {
                _pending[id] = reply;
            }
        }

        return exited ? throw new InvalidOperationException($"The node client has exited.{Diagnostics()}") : (id, reply);
    }

    private async Task WriteAsync(object command)
    {
        var line = JsonSerializer.Serialize(command, JsonOptions);
        await _stdin.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(line);
            await _process.StandardInput.FlushAsync();
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"The node client has exited (writing to it failed: {e.Message}).{Diagnostics()}", e);
        }
        finally
        {
            _stdin.Release();
        }
    }

    private async Task PumpStdoutAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.Length > 0)
                {
                    try
                    {
                        Handle(line);
                    }
                    catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
                    {
                        AppendStderr($"[unexpected line on stdout: {e.Message}] {line}");
                    }
                }
            }
        }
        finally
        {
            // stdout is at its end: let stderr drain too, so the exit message carries all of it.
            try
            {
                await _stderrPump.WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (TimeoutException)
            {
            }

            OnExited();
        }
    }

    private async Task PumpStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_gate)
            {
                _stderr.AppendLine(line);
            }
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
            AppendStderr($"[non-JSON line on stdout] {line}");
            return;
        }

        var type = message.TryGetProperty("type", out var typeProperty) ? typeProperty.GetString() : null;
        switch (type)
        {
            case "started":
                _start.TrySetResult(message);
                break;
            case "start-failed":
                var text = message.GetProperty("message").GetString() ?? "start failed";
                int? status = message.TryGetProperty("statusCode", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : null;
                _start.TrySetException(new SignalRStartFailedException(text, status));
                _closed.TrySetResult(text);
                break;
            case "event":
                var args = message.GetProperty("args").EnumerateArray().ToArray();
                TaskCompletionSource changed;
                lock (_gate)
                {
                    _events.Add((message.GetProperty("name").GetString()!, args));
                    changed = _changed;
                    _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                changed.TrySetResult();
                break;
            case "result":
            case "sent":
                Reply(message).TrySetResult(message.TryGetProperty("result", out var result) ? result : default);
                break;
            case "invoke-error":
            case "send-error":
                Reply(message).TrySetException(new SignalRInvokeException(message.GetProperty("message").GetString() ?? type));
                break;
            case "closed":
                _closed.TrySetResult(message.GetProperty("message").GetString());
                break;
            case "stopped":
                break;
            default:
                AppendStderr($"[driver] {line}");
                break;
        }
    }

    private TaskCompletionSource<JsonElement> Reply(JsonElement message)
    {
        var id = message.GetProperty("id").GetInt32();
        lock (_gate)
        {
            return _pending.TryGetValue(id, out var reply) ? reply : new TaskCompletionSource<JsonElement>();
        }
    }

    private void OnExited()
    {
        var exited = new InvalidOperationException($"The node SignalR client exited.{Diagnostics()}");
        _start.TrySetException(exited);
        _closed.TrySetException(exited);
        List<TaskCompletionSource<JsonElement>> pending;
        lock (_gate)
        {
            pending = [.. _pending.Values];
        }

        foreach (var reply in pending)
        {
            reply.TrySetException(exited);
        }

        _exited.TrySetResult();
    }

    private void AppendStderr(string line)
    {
        lock (_gate)
        {
            _stderr.AppendLine(line);
        }
    }

    private string Diagnostics()
    {
        var events = Events;
        var summary = events.Count == 0
            ? "none"
            : string.Join(", ", events.TakeLast(30).Select(e => $"{e.Name}{JsonSerializer.Serialize(e.Args, JsonOptions)}"));
        var stderr = Stderr;
        return $"\nEvents received ({events.Count}{(events.Count > 30 ? ", last 30" : "")}): {summary}" +
            (stderr.Length == 0 ? "" : $"\nnode stderr:\n{stderr}");
    }

    private sealed class SignalRStartFailedException(string message, int? status) : Exception(message)
    {
        public int? Status { get; } = status;
    }
}

/// <summary>The hub answered an invoke (or a send) with an error; <see cref="Exception.Message"/> is the client's text.</summary>
public sealed class SignalRInvokeException : Exception
{
    public SignalRInvokeException()
    {
    }

    public SignalRInvokeException(string message) : base(message)
    {
    }

    public SignalRInvokeException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
