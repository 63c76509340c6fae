using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Realtime.SocketIO;

/// <summary>The app with a small Socket.IO payload limit, so that "huge" is quick to send.</summary>
public sealed class SmallPayloadApp : DashboardApp
{
    public const int MaxPayload = 8192;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Realtime:SocketIO:MaxPayloadBytes"] = MaxPayload.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>What no real client sends: each time the offender is closed or answered as the spec says, and the rest carry on.</summary>
public sealed class SocketIOHostileInputTests(SmallPayloadApp app) : IClassFixture<SmallPayloadApp>
{
    private static readonly TimeSpan CloseWithin = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData("abc")]                                            // not an Engine.IO packet
    [InlineData("0{}")]                                            // open is the server's
    [InlineData("4abc")]                                           // unknown Socket.IO packet type
    [InlineData("42{}")]                                           // an event must be an array
    [InlineData("42[123]")]                                        // whose first item is the event's name
    [InlineData("42abc[\"ping\"]")]                                // not an ack id
    [InlineData("42[\"payment:add\",{\"customerId\":")]            // truncated JSON
    [InlineData("44{\"message\":\"x\"}")]                          // CONNECT_ERROR is the server's
    public async Task A_malformed_packet_closes_only_the_connection_that_sent_it(string garbage)
    {
        await using var offender = await RawWebSocket.ConnectedAsync(app);
        await using var neighbour = await RawWebSocket.ConnectedAsync(app);

        await offender.SendAsync(garbage);

        Assert.True(await offender.ClosedWithinAsync(CloseWithin), $"'{garbage}' did not close the connection");
        await neighbour.AssertAliveAsync();
    }

    [Fact]
    public async Task A_binary_packet_whose_attachments_never_come_is_closed_on_the_next_text_packet()
    {
        await using var offender = await RawWebSocket.ConnectedAsync(app);
        await using var neighbour = await RawWebSocket.ConnectedAsync(app);

        await offender.SendAsync("451-[\"payment:add\",{\"_placeholder\":true,\"num\":0}]");
        await offender.SendAsync("42[\"ping\"]");

        Assert.True(await offender.ClosedWithinAsync(CloseWithin));
        await neighbour.AssertAliveAsync();
    }

    [Fact]
    public async Task Binary_data_nobody_announced_closes_the_connection()
    {
        await using var offender = await RawWebSocket.ConnectedAsync(app);
        await offender.SendBinaryAsync([1, 2, 3]);
        Assert.True(await offender.ClosedWithinAsync(CloseWithin));
    }

    [Fact]
    public async Task Wrong_types_in_a_well_formed_event_get_an_error_and_an_ack_and_write_nothing()
    {
        await using var client = await RawWebSocket.ConnectedAsync(app);
        using var admin = await app.AdminClientAsync();
        var customerId = await ApiScenario.CreateCustomerAsync(admin, "Typed Wrong");

        await client.SendAsync($"425[\"payment:add\",{{\"customerId\":\"{customerId}\",\"amount\":\"lots\",\"method\":\"CASH\"}}]");
        var error = await client.ReceiveStartingWithAsync("42[\"error\"");
        Assert.Contains("VALIDATION_FAILED", error);
        var ack = await client.ReceiveStartingWithAsync("435");
        Assert.Contains("\"error\":{", ack);
        Assert.Contains("VALIDATION_FAILED", ack);

        await client.SendAsync("426[\"payment:add\",\"not an object\"]");
        Assert.Contains("VALIDATION_FAILED", await client.ReceiveStartingWithAsync("436"));

        await using (var db = app.Db())
        {
            Assert.False(await db.Payments.AnyAsync(p => p.CustomerId == customerId));
        }

        await client.AssertAliveAsync();
    }

    [Fact]
    public async Task A_websocket_message_over_max_payload_closes_that_connection_only()
    {
        await using var offender = await RawWebSocket.ConnectedAsync(app);
        await using var neighbour = await RawWebSocket.ConnectedAsync(app);

        await offender.SendAsync("42[\"payment:add\",{\"note\":\"" + new string('x', SmallPayloadApp.MaxPayload) + "\"}]");

        Assert.True(await offender.ClosedWithinAsync(CloseWithin));
        await neighbour.AssertAliveAsync();
    }

    [Fact]
    public async Task A_polling_post_over_max_payload_gets_413_and_ends_the_session()
    {
        using var http = app.Anonymous();
        var (sid, open) = await RawEngine.OpenPollingAsync(http);
        Assert.Equal(SmallPayloadApp.MaxPayload, open.GetProperty("maxPayload").GetInt32());

        var response = await RawEngine.PostAsync(http, sid, "4" + new string('x', SmallPayloadApp.MaxPayload + 10));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(RawEngine.Url(sid))).StatusCode);
    }

    [Fact]
    public async Task An_unknown_sid_gets_400_with_the_spec_error_code()
    {
        using var http = app.Anonymous();
        var response = await http.GetAsync(RawEngine.Url("no-such-session"));
        var body = await ApiAssert.Json(response, HttpStatusCode.BadRequest);
        Assert.Equal(1, body.GetProperty("code").GetInt32());
        Assert.Equal("Session ID unknown", body.GetProperty("message").GetString());

        var post = await RawEngine.PostAsync(http, "no-such-session", "40");
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
    }

    [Theory]
    [InlineData("/socket.io/?transport=polling", 5)]
    [InlineData("/socket.io/?EIO=3&transport=polling", 5)]
    [InlineData("/socket.io/?EIO=4", 0)]
    [InlineData("/socket.io/?EIO=4&transport=carrier-pigeon", 0)]
    public async Task A_bad_handshake_gets_400_with_the_spec_error_code(string url, int code)
    {
        using var http = app.Anonymous();
        var body = await ApiAssert.Json(await http.GetAsync(url), HttpStatusCode.BadRequest);
        Assert.Equal(code, body.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task A_second_concurrent_poll_gets_400_the_first_gets_close_and_the_session_ends()
    {
        using var http = app.Anonymous();
        var (sid, _) = await RawEngine.OpenPollingAsync(http);

        var first = http.GetAsync(RawEngine.Url(sid));
        await Task.Delay(200); // the first poll is waiting on the server
        var second = await http.GetAsync(RawEngine.Url(sid));

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        var firstResponse = await first;
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Equal("1", await firstResponse.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(RawEngine.Url(sid))).StatusCode);
    }

    [Fact]
    public async Task A_malformed_polling_payload_gets_400_and_ends_the_session()
    {
        using var http = app.Anonymous();
        var (sid, _) = await RawEngine.OpenPollingAsync(http);

        var response = await RawEngine.PostAsync(http, sid, "40\u001egarbage");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync(RawEngine.Url(sid))).StatusCode);
    }

    [Fact]
    public async Task After_all_that_the_server_still_accepts_clients_and_delivers_broadcasts()
    {
        await using var client = await RawWebSocket.ConnectedAsync(app);
        await client.SendAsync("garbage");
        Assert.True(await client.ClosedWithinAsync(CloseWithin));

        await using var fresh = await RawWebSocket.ConnectedAsync(app);
        using var admin = await app.AdminClientAsync();
        var customerId = await ApiScenario.CreateCustomerAsync(admin, "Still Served");
        var payment = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/payments", new { customerId, amount = 42, method = "CASH" }), HttpStatusCode.Created);

        var added = await fresh.ReceiveStartingWithAsync("42[\"payment:added\"");
        Assert.Contains(payment.GetProperty("id").GetGuid().ToString(), added);
        Assert.Equal(WebSocketState.Open, fresh.State);
    }
}
