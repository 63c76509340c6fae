using System.Net;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Realtime.SocketIO;

/// <summary>The app with quick heartbeats and connect timeout, and one allowed browser origin.</summary>
public sealed class QuickHeartbeatApp : DashboardApp
{
    public const string AllowedOrigin = "https://app.example";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Realtime:SocketIO:PingIntervalMs"] = "300",
        ["Realtime:SocketIO:PingTimeoutMs"] = "800",
        ["Realtime:SocketIO:ConnectTimeoutMs"] = "1000",
        ["Realtime:CorsOrigins:0"] = AllowedOrigin,
    };
}

/// <summary>Engine.IO's session rules — heartbeat, connect timeout, upgrade — and the browser origins from configuration.</summary>
public sealed class SocketIOEngineRulesTests(QuickHeartbeatApp app) : IClassFixture<QuickHeartbeatApp>
{
    [Fact]
    public async Task A_client_that_answers_pings_stays_and_one_that_does_not_is_closed_after_the_ping_timeout()
    {
        var token = await app.TokenAsync(DashboardApp.AdminEmail, app.AdminPassword);
        await using var healthy = await RawWebSocket.OpenAsync(app.BaseAddress, answerPings: true);
        await using var silent = await RawWebSocket.OpenAsync(app.BaseAddress, answerPings: false);
        Assert.StartsWith("40", await healthy.ConnectNamespaceAsync(token));
        Assert.StartsWith("40", await silent.ConnectNamespaceAsync(token));

        // Both at once: healthy round-trips pings for 2 s (answering the server's heartbeats as it reads) while silent
        // reads its messages (connected, then the ping "2") but never answers; 300 + 800 ms later silent is gone.
        var keptAlive = Task.Run(async () =>
        {
            var deadline = DateTime.UtcNow.AddSeconds(2);
            while (DateTime.UtcNow < deadline)
            {
                await healthy.SendAsync("421[\"ping\"]");
                Assert.Equal("431[\"pong\"]", await healthy.ReceiveStartingWithAsync("43"));
                await Task.Delay(100);
            }
        });

        Assert.True(await silent.ClosedWithinAsync(TimeSpan.FromSeconds(3)));
        await keptAlive;
    }

    [Fact]
    public async Task A_long_polling_session_that_never_polls_again_is_gone_after_interval_plus_timeout()
    {
        using var http = app.Anonymous();
        var (sid, open) = await RawEngine.OpenPollingAsync(http);
        Assert.Equal(300, open.GetProperty("pingInterval").GetInt32());
        Assert.Equal(800, open.GetProperty("pingTimeout").GetInt32());

        await Task.Delay(2000);

        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(RawEngine.Url(sid))).StatusCode);
    }

    [Fact]
    public async Task A_session_that_connects_to_no_namespace_is_closed_after_the_connect_timeout()
    {
        await using var idle = await RawWebSocket.OpenAsync(app.BaseAddress, answerPings: true);
        Assert.True(await idle.ClosedWithinAsync(TimeSpan.FromSeconds(4)));
    }

    [Fact]
    public async Task A_listed_origin_gets_cors_headers_with_credentials_and_an_unlisted_one_is_refused()
    {
        using var http = app.Anonymous();
        using var allowed = new HttpRequestMessage(HttpMethod.Get, RawEngine.Url());
        allowed.Headers.Add("Origin", QuickHeartbeatApp.AllowedOrigin);
        var response = await http.SendAsync(allowed);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(QuickHeartbeatApp.AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());

        using var preflight = new HttpRequestMessage(HttpMethod.Options, RawEngine.Url());
        preflight.Headers.Add("Origin", QuickHeartbeatApp.AllowedOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        var answer = await http.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Contains("POST", answer.Headers.GetValues("Access-Control-Allow-Methods").Single());

        using var foreign = new HttpRequestMessage(HttpMethod.Get, RawEngine.Url());
        foreign.Headers.Add("Origin", "https://evil.example");
        var refused = await http.SendAsync(foreign);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));

        await Assert.ThrowsAnyAsync<System.Net.WebSockets.WebSocketException>(() => RawWebSocket.OpenAsync(app.BaseAddress, origin: "https://evil.example"));
        await using var listed = await RawWebSocket.OpenAsync(app.BaseAddress, origin: QuickHeartbeatApp.AllowedOrigin);
    }
}

/// <summary>The polling → WebSocket upgrade, by hand (with the default heartbeat: this client does not answer pings while polling).</summary>
public sealed class SocketIOUpgradeTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task A_polling_session_upgrades_to_websocket_and_its_pending_poll_ends_with_a_noop()
    {
        var token = await app.TokenAsync(DashboardApp.AdminEmail, app.AdminPassword);
        using var http = app.Anonymous();
        var (sid, _) = await RawEngine.OpenPollingAsync(http);
        var connect = await RawEngine.PostAsync(http, sid, "40" + System.Text.Json.JsonSerializer.Serialize(new { token }));
        Assert.Equal("ok", await connect.Content.ReadAsStringAsync());
        var first = await http.GetStringAsync(RawEngine.Url(sid));
        Assert.StartsWith("40{\"sid\"", first); // CONNECT, then "connected" in the same payload
        Assert.Contains("42[\"connected\"", first);

        var pending = http.GetStringAsync(RawEngine.Url(sid));
        await Task.Delay(100);
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        var url = new UriBuilder(new Uri(app.BaseAddress, RawEngine.Url(sid, "websocket"))) { Scheme = "ws" }.Uri;
        await socket.ConnectAsync(url, CancellationToken.None);
        await SendAsync(socket, "2probe");
        Assert.Equal("3probe", await ReceiveAsync(socket));
        Assert.Equal("6", await pending);
        await SendAsync(socket, "5");

        await SendAsync(socket, "429[\"ping\"]");
        string reply;
        do
        {
            reply = await ReceiveAsync(socket);
            if (reply == "2")
            {
                await SendAsync(socket, "3");
            }
        }
        while (!reply.StartsWith("43", StringComparison.Ordinal));

        Assert.Equal("439[\"pong\"]", reply);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(RawEngine.Url(sid))).StatusCode);
    }

    private static Task SendAsync(System.Net.WebSockets.ClientWebSocket socket, string text) =>
        socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(text), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string> ReceiveAsync(System.Net.WebSockets.ClientWebSocket socket)
    {
        var buffer = new byte[16 * 1024];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var result = await socket.ReceiveAsync(buffer, cts.Token);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, result.Count);
    }
}
