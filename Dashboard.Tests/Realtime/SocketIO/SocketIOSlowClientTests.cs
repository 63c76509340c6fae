using System.Net;
using System.Text.Json;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Realtime.SocketIO;

/// <summary>The app with a tiny per-client outbox, so that a client that stops reading overflows it at once.</summary>
public sealed class TinyOutboxApp : DashboardApp
{
    public const int OutboxCapacity = 8;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Realtime:SocketIO:OutboxCapacity"] = OutboxCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>A client too slow to keep is told so (the Engine.IO close packet) before it goes, and counted.</summary>
public sealed class SocketIOSlowClientTests(TinyOutboxApp app) : IClassFixture<TinyOutboxApp>
{
    /// <summary>The metrics endpoint's count (meter Dashboard.Realtime, dashboard.realtime.slow_clients_dropped).</summary>
    private static async Task<long> DroppedAsync(HttpClient admin) =>
        (await ApiAssert.Json(await admin.GetAsync("/api/v1/realtime/metrics"))).GetProperty("slowClientsDropped").GetInt64();

    private async Task<long> DroppedAsync()
    {
        using var admin = await app.AdminClientAsync();
        return await DroppedAsync(admin);
    }

    [Fact]
    public async Task A_websocket_client_that_stops_reading_finds_the_close_packet_after_its_backlog_when_it_reads_again()
    {
        using var admin = await app.AdminClientAsync();
        var dropped = await DroppedAsync(admin);
        await using var socket = await RawWebSocket.OpenAsync(app.BaseAddress, answerPings: false);

        // Each unknown namespace's CONNECT_ERROR echoes its 30 KB name (a packet under Realtime:MaxMessageBytes): unread,
        // they fill the socket's buffers, then the outbox.
        var connect = "40/" + new string('x', 30_000) + ",";
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await DroppedAsync(admin) == dropped && DateTime.UtcNow < deadline)
        {
            for (var i = 0; i < 5; i++)
            {
                await socket.SendAsync(connect);
            }
        }

        Assert.Equal(dropped + 1, await DroppedAsync(admin));
        // Read again within the close grace (2 s): what the transport already held, then the close packet, then the close.
        var last = "";
        while (await socket.ReadOrNullAsync(TimeSpan.FromSeconds(5)) is { } text)
        {
            last = text;
        }

        Assert.Equal("1", last);
    }

    [Fact]
    public async Task A_polling_client_that_stops_polling_gets_the_close_packet_on_its_next_poll_and_is_counted()
    {
        var dropped = await DroppedAsync();
        var token = await app.TokenAsync(DashboardApp.AdminEmail, app.AdminPassword);
        using var http = app.Anonymous();
        var (sid, _) = await RawEngine.OpenPollingAsync(http);
        (await RawEngine.PostAsync(http, sid, "40" + JsonSerializer.Serialize(new { token }))).EnsureSuccessStatusCode();

        // It never polls: "40", "connected" and a "pong" per ping pile up until the outbox overflows.
        await RawEngine.PostAsync(http, sid, string.Join('\u001e', Enumerable.Repeat("42[\"ping\"]", 2 * TinyOutboxApp.OutboxCapacity)));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (await DroppedAsync() == dropped && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(dropped + 1, await DroppedAsync());
        var poll = await http.GetAsync(RawEngine.Url(sid));
        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        Assert.Equal("1", await poll.Content.ReadAsStringAsync()); // what it had queued is dropped to make room
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(RawEngine.Url(sid))).StatusCode);
    }

    [Fact]
    public async Task The_official_client_dropped_as_too_slow_sees_the_server_close_its_transport_and_reconnects()
    {
        var token = await app.TokenAsync(DashboardApp.AdminEmail, app.AdminPassword);
        await using var client = await SocketIOClient.ConnectAsync(app.BaseAddress, token, "polling", reconnect: true);
        Assert.True(client.Connected, client.ConnectErrorMessage);

        // Acks of a burst come faster than one poll takes them: more than the outbox holds.
        var dropped = await DroppedAsync();
        _ = Task.WhenAll(Enumerable.Range(0, 4 * TinyOutboxApp.OutboxCapacity).Select(_ => client.EmitWithAckAsync("ping")));

        Assert.Equal("transport close", await client.WaitDisconnectedAsync());
        Assert.True(await DroppedAsync() > dropped);
        await client.WaitReconnectedAsync();
    }
}
