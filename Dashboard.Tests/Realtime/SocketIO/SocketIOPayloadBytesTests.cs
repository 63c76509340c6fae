using System.Net;
using System.Text;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Realtime.SocketIO;

/// <summary>maxPayload counts UTF-8 bytes, both ways: text of multi-byte characters is longer than its string.</summary>
public sealed class SocketIOPayloadBytesTests(SmallPayloadApp app) : IClassFixture<SmallPayloadApp>
{
    private const char ThreeBytes = '€';

    // Under MaxPayload in characters, over it in bytes.
    private static readonly string OverInBytesOnly = "42[\"ping\",\"" + new string(ThreeBytes, SmallPayloadApp.MaxPayload / 3 + 10) + "\"]";

    [Fact]
    public void The_test_text_is_over_the_limit_in_bytes_only()
    {
        Assert.True(OverInBytesOnly.Length + 1 < SmallPayloadApp.MaxPayload);
        Assert.True(Encoding.UTF8.GetByteCount(OverInBytesOnly) > SmallPayloadApp.MaxPayload);
    }

    [Fact]
    public async Task A_websocket_message_over_max_payload_in_bytes_but_not_characters_closes_the_connection()
    {
        var token = await app.TokenAsync(DashboardApp.AdminEmail, app.AdminPassword);
        await using var socket = await RawWebSocket.OpenAsync(app.BaseAddress);
        Assert.StartsWith("40{\"sid\":", await socket.ConnectNamespaceAsync(token));

        await socket.SendAsync(OverInBytesOnly);

        Assert.True(await socket.ClosedWithinAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_polling_post_over_max_payload_in_bytes_but_not_characters_gets_413()
    {
        using var http = app.Anonymous();
        var (sid, _) = await RawEngine.OpenPollingAsync(http);

        var response = await RawEngine.PostAsync(http, sid, OverInBytesOnly);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_poll_response_carries_at_most_max_payload_bytes_of_multi_byte_text()
    {
        // Payload JSON escapes non-ASCII, but a namespace's name comes back raw in its CONNECT_ERROR: three of ~8 100
        // bytes (2 700 characters) each fit in one response if it counted characters.
        using var http = app.Anonymous();
        var (sid, _) = await RawEngine.OpenPollingAsync(http);
        var name = "/" + new string(ThreeBytes, 2700);
        for (var i = 0; i < 3; i++)
        {
            (await RawEngine.PostAsync(http, sid, "40" + name + ",")).EnsureSuccessStatusCode();
        }

        var refused = 0;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (refused < 3 && DateTime.UtcNow < deadline)
        {
            var body = await (await http.GetAsync(RawEngine.Url(sid))).Content.ReadAsByteArrayAsync();
            Assert.InRange(body.Length, 1, SmallPayloadApp.MaxPayload);
            refused += Encoding.UTF8.GetString(body).Split(EngineSeparator).Count(p => p.StartsWith("44" + name + ",", StringComparison.Ordinal));
        }

        Assert.Equal(3, refused);
    }

    private const char EngineSeparator = '\u001e';
}
