using System.Text.Json;

namespace Dashboard.Tests.Support;

/// <summary>
/// One client of the official <c>@microsoft/signalr</c> JavaScript package, run by node
/// (Dashboard.Tests/Realtime/js/signalr-client.mjs; the .NET client is not restorable here). Every event the hub
/// sends is buffered from the moment the process starts, so a wait never races the message it waits for.
/// A refused connection does not throw: check <see cref="Connected"/> and <see cref="FailureStatus"/>.
/// </summary>
public sealed class SignalRClient : NodeClient
{
    public const string DefaultHubPath = "hubs/live";

    private SignalRClient(NodeProcess node) : base(node, "SignalR")
    {
    }

    /// <summary>The driver script run by node.</summary>
    public static string ScriptPath { get; } = Path.Combine(RepoPaths.Root, "Dashboard.Tests", "Realtime", "js", "signalr-client.mjs");

    /// <summary>True once the connection started and until it closes.</summary>
    public override bool Connected => !HasExited && LastReport("started") is not null && LastReport("closed", "start-failed") is null;

    public string? ConnectionId => LastReport("started") is { } started && started.TryGetProperty("connectionId", out var id) ? id.GetString() : null;

    /// <summary>With <c>recovering</c>: how the last new connection caught up — "recovered" (events:since) or "reload" (no usable position).</summary>
    public string? LastRecovery => LastReport("recovered", "reload") is { } outcome ? TypeOf(outcome) : null;

    /// <summary>With <c>recovering</c>: whether the automatic reconnect made a new connection.</summary>
    public bool Reconnected => LastReport("reconnected") is not null;

    /// <summary>The HTTP status of a refused start (401, 403, 404...), when the client reported one.</summary>
    public int? FailureStatus => LastReport("start-failed") is { } failed && failed.TryGetProperty("statusCode", out var code) && code.ValueKind == JsonValueKind.Number
        ? code.GetInt32()
        : null;

    /// <summary>The client's error message when the start failed; null when it started.</summary>
    public string? FailureMessage => LastReport("start-failed")?.GetProperty("message").GetString();

    /// <summary>The hub at <see cref="DefaultHubPath"/> under the app's base address.</summary>
    public static Task<SignalRClient> ConnectAsync(Uri baseAddress, string? token, string transport = "websockets", TimeSpan? timeout = null) =>
        ConnectAsync(baseAddress, token, transport, timeout, hubPath: DefaultHubPath, events: null);

    /// <param name="hubPath">Relative to <paramref name="baseAddress"/>, or an absolute hub URL.</param>
    /// <param name="events">Hub-to-client method names to record; null = the script's default list.</param>
    /// <param name="statefulReconnect">The client opts in to stateful reconnect (<c>withStatefulReconnect()</c>).</param>
    /// <param name="recovering">
    /// The README's recovering app (js/recovering-app.mjs), with automatic reconnect: <see cref="NodeClient.Events"/> are the
    /// events it applied, once each, from the live stream and <c>events:since</c>.
    /// </param>
    public static Task<SignalRClient> ConnectAsync(Uri baseAddress, string? token, string transport, TimeSpan? timeout,
        string hubPath, IEnumerable<string>? events, bool statefulReconnect = false, bool recovering = false)
    {
        var hub = new Uri(baseAddress, hubPath);
        List<string> arguments = [hub.ToString(), "--transport", transport];
        if (statefulReconnect)
        {
            arguments.Add("--stateful");
        }

        if (recovering)
        {
            arguments.Add("--recovering");
        }

        if (events is not null)
        {
            arguments.AddRange(["--events", string.Join(',', events)]);
        }

        // An empty token, not an unset one: the driver then sends no access token at all.
        var client = new SignalRClient(NodeProcess.Start(ScriptPath, "@microsoft/signalr", arguments, "SIGNALR_TOKEN", token ?? ""));
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        return StartedAsync(client, async c =>
        {
            try
            {
                await c.WaitForReportAsync(0, limit, "start outcome", "started", "start-failed");
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"The SignalR client did not report started or start-failed within {limit.TotalSeconds} s ({hub}, {transport}).{c.Diagnostics()}");
            }
        });
    }

    /// <summary>Invokes a hub method and returns its result (null for a void method, as JSON null).</summary>
    /// <exception cref="SignalRInvokeException">The hub answered with an error (a HubException, a missing method...).</exception>
    public async Task<JsonElement> InvokeAsync(string method, params object?[] args)
    {
        var reply = await RequestAsync(id => new { op = "invoke", id, method, args }, DefaultTimeout, $"No reply to invoke '{method}'");
        return TypeOf(reply) == "invoke-error"
            ? throw new SignalRInvokeException(reply.GetProperty("message").GetString() ?? "invoke-error")
            : reply.TryGetProperty("result", out var result) ? result : default;
    }

    /// <summary>Fire-and-forget: returns once the message is written to the connection, with no reply from the hub.</summary>
    public async Task SendAsync(string method, params object?[] args)
    {
        var reply = await RequestAsync(id => new { op = "send", id, method, args }, DefaultTimeout, $"Send '{method}' was not written");
        if (TypeOf(reply) == "send-error")
        {
            throw new SignalRInvokeException(reply.GetProperty("message").GetString() ?? "send-error");
        }
    }

    /// <summary>The close reason (null for a clean close) once the connection has closed.</summary>
    public async Task<string?> WaitClosedAsync(TimeSpan timeout)
    {
        try
        {
            var (closed, _) = await WaitForReportAsync(0, timeout, "close", "closed", "start-failed");
            return closed.GetProperty("message").GetString();
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The connection did not close within {timeout.TotalSeconds} s.{Diagnostics()}");
        }
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
