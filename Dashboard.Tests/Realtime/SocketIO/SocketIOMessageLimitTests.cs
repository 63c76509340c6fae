using System.Net.WebSockets;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Realtime.SocketIO;

/// <summary>The app with its default message limit and a short wait for binary attachments.</summary>
public sealed class MessageLimitApp : DashboardApp
{
    /// <summary>Realtime:MaxMessageBytes, left at its default.</summary>
    public const int MaxMessageBytes = 32 * 1024;

    public static readonly TimeSpan AttachmentTimeout = TimeSpan.FromSeconds(1);

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Realtime:SocketIO:AttachmentTimeoutMs"] = ((int)AttachmentTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Realtime:MaxMessageBytes bounds a Socket.IO event as it bounds a hub message (a binary event counted with its
/// attachments), and a binary event must get exactly the attachments it announced, in time.
/// </summary>
public sealed class SocketIOMessageLimitTests(MessageLimitApp app) : IClassFixture<MessageLimitApp>
{
    private static readonly TimeSpan CloseWithin = TimeSpan.FromSeconds(5);

    /// <summary>Every message until the server closes the socket; throws if it is still open after <see cref="CloseWithin"/>.</summary>
    private static async Task<List<string>> ReceivedUntilClosedAsync(RawWebSocket socket)
    {
        var received = new List<string>();
        var deadline = DateTime.UtcNow + CloseWithin;
        try
        {
            while (await socket.ReadOrNullAsync(deadline - DateTime.UtcNow) is { } message)
            {
                received.Add(message);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The connection was still open after {CloseWithin.TotalSeconds} s; it received: {string.Join(" | ", received)}");
        }
        catch (WebSocketException)
        {
            // an abort is a close too
        }

        return received;
    }

    /// <summary>A binary attachment the server may already have refused to wait for: a failed send is the close the test looks for.</summary>
    private static async Task SendAttachmentAsync(RawWebSocket socket, byte[] data)
    {
        try
        {
            await socket.SendBinaryAsync(data);
        }
        catch (WebSocketException)
        {
        }
    }

    private static object Payment(Guid customerId, int padding) =>
        new { customerId, amount = 12.5m, method = "CASH", padding = new string('x', padding) };

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task An_event_over_max_message_bytes_is_not_run_gets_the_error_and_closes_only_that_connection(string transport)
    {
        using var admin = await app.AdminClientAsync();
        var customerId = await ApiScenario.CreateCustomerAsync(admin, "Too Large " + transport);
        var (offender, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword, transport);
        var (neighbour, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (offender)
        await using (neighbour)
        {
            // Well under the Engine.IO limit (Realtime:SocketIO:MaxPayloadBytes, 100 000), over the message limit.
            var ack = await offender.EmitWithAckAsync("payment:add", Payment(customerId, MessageLimitApp.MaxMessageBytes));

            Assert.Equal("VALIDATION_FAILED", ack[0].ErrorCode());
            var error = await offender.WaitForEventAsync("error");
            Assert.Equal("VALIDATION_FAILED", error[0].GetProperty("code").GetString());
            Assert.Contains("32768", error[0].GetProperty("message").GetString());
            // Closed either way; over long-polling a request the client already had in flight when the close came can fail
            // first under load ("transport error") — the ack and the error above arrived before it in both cases.
            var reason = await offender.WaitDisconnectedAsync();
            Assert.True(reason == "transport close" || (transport == "polling" && reason == "transport error"), reason);
            await using (var db = app.Db())
            {
                Assert.False(await db.Payments.AnyAsync(p => p.CustomerId == customerId));
            }

            Assert.Equal("pong", (await neighbour.EmitWithAckAsync("ping"))[0].GetString());
        }
    }

    [Fact]
    public async Task An_event_just_under_max_message_bytes_is_run()
    {
        using var admin = await app.AdminClientAsync();
        var customerId = await ApiScenario.CreateCustomerAsync(admin, "Just Fits");
        var (client, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (client)
        {
            var ack = await client.EmitWithAckAsync("payment:add", Payment(customerId, MessageLimitApp.MaxMessageBytes - 200));

            Assert.Null(ack[0].ErrorCode());
            Assert.True(client.Connected);
            await using var db = app.Db();
            Assert.True(await db.Payments.AnyAsync(p => p.CustomerId == customerId));
        }
    }

    [Fact]
    public async Task A_binary_event_over_max_message_bytes_with_its_attachment_is_not_run_and_closes_only_that_connection()
    {
        await using var offender = await RawWebSocket.ConnectedAsync(app);
        await using var neighbour = await RawWebSocket.ConnectedAsync(app);

        await offender.SendAsync("451-7[\"ping\",{\"_placeholder\":true,\"num\":0}]");
        await SendAttachmentAsync(offender, new byte[MessageLimitApp.MaxMessageBytes]);

        var received = await ReceivedUntilClosedAsync(offender);
        Assert.DoesNotContain(received, m => m.Contains("pong", StringComparison.Ordinal));
        Assert.Contains(received, m => m.StartsWith("42[\"error\"", StringComparison.Ordinal) && m.Contains("VALIDATION_FAILED", StringComparison.Ordinal));
        Assert.Contains(received, m => m.StartsWith("437[", StringComparison.Ordinal) && m.Contains("VALIDATION_FAILED", StringComparison.Ordinal));
        await neighbour.AssertAliveAsync();
    }

    [Fact]
    public async Task A_binary_event_whose_attachments_never_come_closes_the_connection_after_the_attachment_timeout()
    {
        await using var offender = await RawWebSocket.ConnectedAsync(app);
        await using var neighbour = await RawWebSocket.ConnectedAsync(app);

        await offender.SendAsync("452-7[\"ping\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        await offender.SendBinaryAsync([1, 2, 3]); // one of the two

        Assert.True(await offender.ClosedWithinAsync(CloseWithin), "a binary event missing an attachment kept its connection waiting");
        await neighbour.AssertAliveAsync();
    }

    [Fact]
    public async Task Attachments_that_come_within_the_timeout_are_taken()
    {
        await using var client = await RawWebSocket.ConnectedAsync(app);

        await client.SendAsync("452-7[\"ping\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        await client.SendBinaryAsync([1, 2, 3]);
        await Task.Delay(MessageLimitApp.AttachmentTimeout / 5);
        await client.SendBinaryAsync([4, 5, 6]);

        Assert.Equal("437[\"pong\"]", await client.ReceiveStartingWithAsync("43"));
        await Task.Delay(MessageLimitApp.AttachmentTimeout * 1.5); // no timer left behind closes it later
        await client.AssertAliveAsync();
    }

    [Theory]
    [InlineData("{\"_placeholder\":true,\"num\":1}")]                  // the announced count is 1: only 0 exists
    [InlineData("{\"_placeholder\":true,\"num\":-1}")]
    [InlineData("{\"_placeholder\":true,\"num\":0.5}")]
    [InlineData("{\"_placeholder\":true,\"num\":\"0\"}")]
    [InlineData("{\"_placeholder\":true}")]
    [InlineData("{\"items\":[1,{\"photo\":{\"_placeholder\":true,\"num\":7}}]}")] // nested, as deep as the data goes
    public async Task A_placeholder_outside_the_announced_attachments_closes_only_that_connection(string argument)
    {
        await using var offender = await RawWebSocket.ConnectedAsync(app);
        await using var neighbour = await RawWebSocket.ConnectedAsync(app);

        await offender.SendAsync("451-7[\"ping\"," + argument + "]");
        await SendAttachmentAsync(offender, [1, 2, 3]);

        var received = await ReceivedUntilClosedAsync(offender);
        Assert.DoesNotContain(received, m => m.Contains("pong", StringComparison.Ordinal));
        await neighbour.AssertAliveAsync();
    }

    [Fact]
    public async Task Placeholders_within_the_announced_attachments_are_taken()
    {
        await using var client = await RawWebSocket.ConnectedAsync(app);

        await client.SendAsync("452-7[\"ping\",{\"a\":{\"_placeholder\":true,\"num\":1}},[{\"_placeholder\":true,\"num\":0}],{\"_placeholder\":false,\"num\":9}]");
        await client.SendBinaryAsync([1]);
        await client.SendBinaryAsync([2]);

        Assert.Equal("437[\"pong\"]", await client.ReceiveStartingWithAsync("43"));
    }
}
