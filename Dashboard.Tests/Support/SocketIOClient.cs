using System.Text.Json;

namespace Dashboard.Tests.Support;

/// <summary>
/// One client of the official <c>socket.io-client</c> package, run by node (Dashboard.Tests/Realtime/js/socketio-client.mjs).
/// Every server event and every lifecycle change (connect, connect_error, disconnect, reconnect, upgrade) is buffered
/// from the moment the process starts. A refused connection does not throw: check <see cref="Connected"/>,
/// <see cref="ConnectErrorMessage"/> and <see cref="ConnectErrorData"/>.
/// </summary>
public sealed class SocketIOClient : NodeClient
{
    // How long past the ack timeout to wait for the driver's own answer before calling the driver stuck.
    private static readonly TimeSpan DriverSlack = TimeSpan.FromSeconds(5);

    // Per report type, the index after the last report a Wait...Async method returned: each call gets the next one.
    private readonly Dictionary<string, int> _cursors = [];

    private SocketIOClient(NodeProcess node) : base(node, "Socket.IO")
    {
    }

    /// <summary>The driver script run by node.</summary>
    public static string ScriptPath { get; } = Path.Combine(RepoPaths.Root, "Dashboard.Tests", "Realtime", "js", "socketio-client.mjs");

    /// <summary>True from a connect until the next disconnect or connect_error (a reconnection makes it true again).</summary>
    public override bool Connected => !HasExited && LastReport("connect", "disconnect", "connect_error") is { } last && TypeOf(last) == "connect";

    /// <summary>The socket id of the latest connection (a reconnection gets a new one).</summary>
    public string? SocketId => LastReport("connect")?.GetProperty("socketId").GetString();

    /// <summary>The library's <c>socket.recovered</c> at the latest connection: its session (rooms, missed events) came back.</summary>
    public bool Recovered => LastReport("connect")?.GetProperty("recovered").ValueKind == JsonValueKind.True;

    /// <summary>The library's private session id after the latest connection (null when the server sent none).</summary>
    public string? Pid => LastReport("connect")?.GetProperty("pid").GetString();

    /// <summary>
    /// The server events received so far with the recovery offset each carried as its last argument (null for events
    /// outside the log, e.g. <c>connected</c>), in arrival order.
    /// </summary>
    public IReadOnlyList<(string Name, JsonElement Payload, long? Offset)> EventsWithOffsets =>
    [
        .. Events.Select(e => (e.Name, e.Args.Length > 0 ? e.Args[0] : default,
            e.Args.Length > 1 && e.Args[^1].ValueKind == JsonValueKind.String && long.TryParse(e.Args[^1].GetString(), out var offset) ? offset : (long?)null)),
    ];

    /// <summary>The current transport ("polling", "websocket"): the one connected on, then the one upgraded to.</summary>
    public string? Transport => LastReport("connect", "upgrade")?.GetProperty("transport").GetString();

    /// <summary>The message of the connect_error that the client is in (null once connected).</summary>
    public string? ConnectErrorMessage => CurrentConnectError()?.GetProperty("message").GetString();

    /// <summary>The server's <c>data</c> of that connect_error; null when it had none (a transport error has none).</summary>
    public JsonElement? ConnectErrorData =>
        CurrentConnectError()?.GetProperty("data") is { ValueKind: not JsonValueKind.Null } data ? data : null;

    /// <summary>How long <see cref="EmitWithAckAsync"/> waits for the server's ack.</summary>
    public TimeSpan AckTimeout { get; set; } = DefaultTimeout;

    /// <param name="baseAddress">The server's base address; only its origin is used (the path is the namespace's).</param>
    /// <param name="token">Sent as <c>auth: { token }</c> verbatim ("Bearer ..." included); null sends no auth at all.</param>
    /// <param name="transports">"websocket", "polling", or "default" (polling, then the upgrade to websocket).</param>
    /// <param name="ns">The namespace, e.g. "/admin".</param>
    /// <param name="reconnect">Let the client reconnect by itself after a drop (off: a drop is final).</param>
    /// <param name="authCallback">Send auth the apps' way, <c>auth: cb => cb({ token })</c>, with the token <see cref="SetTokenAsync"/> set last.</param>
    /// <param name="secondNamespace">Also open this namespace on the same connection (see <see cref="EmitWithAckToAsync"/>).</param>
    /// <param name="reconnectDelay">With reconnect: wait exactly this long before each attempt (default: 200 ms to 1 s).</param>
    /// <returns>Once the client reports its first connect or connect_error.</returns>
    public static Task<SocketIOClient> ConnectAsync(Uri baseAddress, string? token, string transports = "websocket", string ns = "/",
        bool reconnect = false, TimeSpan? timeout = null, bool authCallback = false, string? secondNamespace = null, TimeSpan? reconnectDelay = null)
    {
        List<string> arguments = [baseAddress.ToString(), "--namespace", ns, "--transports", transports];
        if (reconnect)
        {
            arguments.Add("--reconnect");
        }

        if (authCallback)
        {
            arguments.Add("--auth-callback");
        }

        if (secondNamespace is not null)
        {
            arguments.AddRange(["--second-namespace", secondNamespace]);
        }

        if (reconnectDelay is { } delay)
        {
            arguments.AddRange(["--reconnect-delay-ms", ((long)delay.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        var client = new SocketIOClient(NodeProcess.Start(ScriptPath, "socket.io-client", arguments, "SOCKETIO_TOKEN", token));
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        return StartedAsync(client, async c =>
        {
            try
            {
                await c.WaitForReportAsync(0, limit, "connect outcome", "connect", "connect_error");
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"The Socket.IO client did not report connect or connect_error within {limit.TotalSeconds} s ({baseAddress}, {ns}, {transports}).{c.Diagnostics()}");
            }
        });
    }

    /// <summary>Emits without an ack; returns once the client has written it, or queued it while disconnected.</summary>
    public async Task EmitAsync(string @event, params object?[] args) =>
        await RequestAsync(id => new { op = "emit", id, @event, args }, DefaultTimeout, $"Emit '{@event}' was not handed to the client");

    /// <summary>Emits with an ack callback and returns the arguments the server acked with (all of them).</summary>
    /// <exception cref="TimeoutException">No ack within <see cref="AckTimeout"/>.</exception>
    /// <exception cref="SocketIOAckException">The socket disconnected before the ack came.</exception>
    public Task<JsonElement[]> EmitWithAckAsync(string @event, params object?[] args) => EmitWithAckToAsync(null, @event, args);

    /// <summary>The same on the second namespace opened on this connection (null: the main one).</summary>
    public async Task<JsonElement[]> EmitWithAckToAsync(string? ns, string @event, params object?[] args)
    {
        var ackTimeoutMs = (long)AckTimeout.TotalMilliseconds;
        var reply = await RequestAsync(id => new { op = "emit", id, @event, args, ackTimeoutMs, @namespace = ns }, AckTimeout + DriverSlack,
            $"No ack or ack timeout for '{@event}'");
        var message = reply.TryGetProperty("message", out var text) ? text.GetString() : null;
        return TypeOf(reply) switch
        {
            "ack" => [.. reply.GetProperty("args").EnumerateArray()],
            "ack-timeout" => throw new TimeoutException($"No ack for '{@event}' within {AckTimeout.TotalSeconds} s ({message}).{Diagnostics()}"),
            _ => throw new SocketIOAckException($"No ack for '{@event}': {message}"),
        };
    }

    /// <summary>Disconnects the socket from the client side (reason "io client disconnect"); the process stays up.</summary>
    public async Task DisconnectAsync() =>
        await RequestAsync(id => new { op = "disconnect", id }, DefaultTimeout, "The client did not disconnect");

    /// <summary>Connects again after a disconnect, as an app does (<c>socket.connect()</c>); wait for it with <see cref="WaitConnectedAsync"/>.</summary>
    public async Task ReconnectAsync() =>
        await RequestAsync(id => new { op = "connect", id }, DefaultTimeout, "The client did not start connecting");

    /// <summary>The token the next handshake sends (an app that signed in again), through its auth callback or auth object.</summary>
    public async Task SetTokenAsync(string token) =>
        await RequestAsync(id => new { op = "token", id, token }, DefaultTimeout, "The client did not take the token");

    /// <summary>How many times the library called the auth callback so far.</summary>
    public int AuthCalls => CountReports("auth");

    /// <summary>Waits for the next connect not yet returned by this method (the first call returns the first connect).</summary>
    /// <exception cref="InvalidOperationException">The server refused it (connect_error).</exception>
    public async Task WaitConnectedAsync(TimeSpan? timeout = null)
    {
        var (outcome, _) = await NextReportAsync("connect-outcome", timeout ?? DefaultTimeout, "connect", "connect_error");
        if (TypeOf(outcome) != "connect")
        {
            throw new InvalidOperationException($"The server refused the connection: {outcome.GetRawText()}.{Diagnostics()}");
        }
    }

    /// <summary>
    /// Closes the Engine.IO connection under the socket, as a network drop does: the library sees "transport close" and,
    /// with <paramref name="hold"/>, stays disconnected until <see cref="ConnectAgainAsync"/> (else it reconnects by itself
    /// when started with reconnect).
    /// </summary>
    public async Task CloseTransportAsync(bool hold)
    {
        var from = ReportCount;
        await RequestAsync(id => new { op = "close-transport", id, hold }, DefaultTimeout, "The client did not close its transport");
        await WaitForReportAsync(from, DefaultTimeout, "disconnect after closing the transport", "disconnect");
    }

    /// <summary>The next drop (a server restart) is not retried until <see cref="ConnectAgainAsync"/>.</summary>
    public async Task HoldAsync() => await RequestAsync(id => new { op = "hold", id }, DefaultTimeout, "The client did not hold");

    /// <summary>
    /// The library connects the same socket again (<c>socket.connect()</c>: its handshake carries the pid and last offset
    /// it holds), and this returns once that connection's outcome is in; true when connected.
    /// </summary>
    public async Task<bool> ConnectAgainAsync(TimeSpan? timeout = null)
    {
        var from = ReportCount;
        await RequestAsync(id => new { op = "connect", id }, DefaultTimeout, "The client did not connect again");
        var (outcome, _) = await WaitForReportAsync(from, timeout ?? DefaultTimeout, "connect outcome", "connect", "connect_error");
        return TypeOf(outcome) == "connect";
    }

    /// <summary>Replaces the library's private session id, as a client that forged or stole one would.</summary>
    public async Task SetPidAsync(string pid) =>
        await RequestAsync(id => new { op = "set-pid", id, pid }, DefaultTimeout, "The client did not take the pid");

    /// <summary>
    /// The reason of the next disconnect not yet returned by this method ("io server disconnect", "transport close",
    /// "ping timeout"...), waiting for it when none has happened yet.
    /// </summary>
    public async Task<string> WaitDisconnectedAsync(TimeSpan? timeout = null)
    {
        var (report, _) = await NextReportAsync("disconnect", timeout ?? DefaultTimeout);
        return report.GetProperty("reason").GetString()!;
    }

    /// <summary>The transport of the next upgrade not yet returned by this method ("websocket"), waiting for it.</summary>
    public async Task<string> WaitUpgradedAsync(TimeSpan? timeout = null)
    {
        var (report, _) = await NextReportAsync("upgrade", timeout ?? DefaultTimeout);
        return report.GetProperty("transport").GetString()!;
    }

    /// <summary>
    /// Waits for the next automatic reconnection not yet returned by this method, until the socket is connected again
    /// (not just the transport), and returns how many attempts it took. Needs <c>reconnect: true</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server refused the reconnected socket (connect_error).</exception>
    public async Task<int> WaitReconnectedAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        // The manager reports "reconnect" when the transport is back; the namespace's connect (or refusal) follows it.
        var (reconnect, index) = await NextReportAsync("reconnect", limit);
        var remaining = deadline - DateTime.UtcNow;
        var (outcome, _) = await WaitForReportAsync(index + 1, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, "connect after the reconnect", "connect", "connect_error");
        return TypeOf(outcome) == "connect"
            ? reconnect.GetProperty("attempt").GetInt32()
            : throw new InvalidOperationException($"The server refused the reconnected socket: {outcome.GetRawText()}.{Diagnostics()}");
    }

    /// <param name="cursor">The cursor's name; the report types default to it.</param>
    private async Task<(JsonElement Report, int Index)> NextReportAsync(string cursor, TimeSpan timeout, params string[] types)
    {
        types = types.Length == 0 ? [cursor] : types;
        int from;
        lock (_cursors)
        {
            from = _cursors.GetValueOrDefault(cursor);
        }

        var (report, index) = await WaitForReportAsync(from, timeout, $"'{string.Join("' or '", types)}' report", types);
        lock (_cursors)
        {
            _cursors[cursor] = Math.Max(_cursors.GetValueOrDefault(cursor), index + 1);
        }

        return (report, index);
    }

    private JsonElement? CurrentConnectError() =>
        LastReport("connect", "connect_error") is { } last && TypeOf(last) == "connect_error" ? last : null;
}

/// <summary>An emit's ack can no longer come (the socket disconnected); <see cref="Exception.Message"/> says why.</summary>
public sealed class SocketIOAckException : Exception
{
    public SocketIOAckException()
    {
    }

    public SocketIOAckException(string message) : base(message)
    {
    }

    public SocketIOAckException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
