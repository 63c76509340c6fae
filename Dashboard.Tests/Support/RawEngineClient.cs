using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Dashboard.Tests.Support;

/// <summary>
/// Engine.IO spoken by hand (HttpClient for long-polling, ClientWebSocket for WebSockets), for what no well-behaved
/// client sends: garbage, truncated packets, oversize payloads, unknown sids, overlapping polls.
/// </summary>
public static class RawEngine
{
    public const string Path = "/socket.io/";

    public static string Url(string? sid = null, string transport = "polling") =>
        $"{Path}?EIO=4&transport={transport}" + (sid is null ? "" : $"&sid={Uri.EscapeDataString(sid)}");

    /// <summary>A new long-polling session: its sid and the open packet's fields.</summary>
    public static async Task<(string Sid, JsonElement Open)> OpenPollingAsync(HttpClient http)
    {
        var body = await http.GetStringAsync(Url());
        Assert.StartsWith("0", body);
        var open = JsonDocument.Parse(body[1..]).RootElement.Clone();
        return (open.GetProperty("sid").GetString()!, open);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string sid, string payload) =>
        http.PostAsync(Url(sid), new StringContent(payload, Encoding.UTF8, "text/plain"));
}

/// <summary>One raw WebSocket to the Engine.IO endpoint; can answer pings by itself and connect to a Socket.IO namespace.</summary>
public sealed class RawWebSocket : IAsyncDisposable
{
    /// <summary>A raw WebSocket that has joined the main namespace as the admin and received <c>connected</c>.</summary>
    public static async Task<RawWebSocket> ConnectedAsync(DashboardApp app)
    {
        var token = await app.TokenAsync(DashboardApp.AdminEmail, app.AdminPassword);
        var socket = await OpenAsync(app.BaseAddress);
        Assert.StartsWith("40{\"sid\":", await socket.ConnectNamespaceAsync(token));
        Assert.StartsWith("42[\"connected\"", await socket.ReceiveAsync());
        return socket;
    }

    /// <summary>The connection still round-trips a ping with an ack.</summary>
    public async Task AssertAliveAsync()
    {
        await SendAsync("4277[\"ping\"]");
        Assert.Equal("4377[\"pong\"]", await ReceiveStartingWithAsync("43"));
    }

    private readonly ClientWebSocket _socket = new();
    private readonly Queue<string> _received = new();
    private readonly bool _answerPings;

    private RawWebSocket(bool answerPings) => _answerPings = answerPings;

    public WebSocketState State => _socket.State;

    public static async Task<RawWebSocket> OpenAsync(Uri baseAddress, bool answerPings = true, string? origin = null)
    {
        var raw = new RawWebSocket(answerPings);
        if (origin is not null)
        {
            raw._socket.Options.SetRequestHeader("Origin", origin);
        }

        var url = new UriBuilder(new Uri(baseAddress, RawEngine.Url(transport: "websocket"))) { Scheme = "ws" }.Uri;
        await raw._socket.ConnectAsync(url, CancellationToken.None);
        var open = await raw.ReceiveAsync();
        Assert.StartsWith("0", open);
        return raw;
    }

    /// <summary>Connects to a Socket.IO namespace with <c>auth: { token }</c>; returns the CONNECT or CONNECT_ERROR packet.</summary>
    public async Task<string> ConnectNamespaceAsync(string? token, string ns = "/")
    {
        var prefix = ns == "/" ? "" : ns + ",";
        await SendAsync("40" + prefix + (token is null ? "" : JsonSerializer.Serialize(new { token })));
        return await ReceiveAsync();
    }

    public Task SendAsync(string text) => _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendBinaryAsync(byte[] data) => _socket.SendAsync(data, WebSocketMessageType.Binary, true, CancellationToken.None);

    /// <summary>The next text message (pings answered and skipped when so configured).</summary>
    public async Task<string> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (_received.TryDequeue(out var queued))
            {
                return queued;
            }

            var text = await ReadAsync(cts.Token) ?? throw new WebSocketException("The server closed the WebSocket.");
            if (text == "2" && _answerPings)
            {
                await SendAsync("3");
                continue;
            }

            return text;
        }
    }

    /// <summary>The next message as it comes (pings too), or null once the server has closed the socket.</summary>
    public async Task<string?> ReadOrNullAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return _received.TryDequeue(out var queued) ? queued : await ReadAsync(cts.Token);
    }

    /// <summary>The next message that starts with <paramref name="prefix"/>, skipping others.</summary>
    public async Task<string> ReceiveStartingWithAsync(string prefix, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var text = await ReceiveAsync(deadline - DateTime.UtcNow);
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                return text;
            }
        }
    }

    /// <summary>True once the server has closed the socket (reading and discarding anything before the close).</summary>
    public async Task<bool> ClosedWithinAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await ReadAsync(cts.Token) is not null)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (WebSocketException)
        {
            return true; // an abort is a close too
        }
    }

    private async Task<string?> ReadAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return result.MessageType == WebSocketMessageType.Text ? Encoding.UTF8.GetString(message.ToArray()) : "<binary>";
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        _socket.Dispose();
    }
}
