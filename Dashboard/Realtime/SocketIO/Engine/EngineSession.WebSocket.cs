using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace Dashboard.Realtime.SocketIO.Engine;

/// <summary>The WebSocket transport: from the handshake, or after the polling → WebSocket upgrade (2probe, 3probe, 5).</summary>
public sealed partial class EngineSession
{
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    /// <summary>Runs a session that opened on a WebSocket until either side closes it.</summary>
    internal async Task RunWebSocketAsync(WebSocket socket)
    {
        var writer = WriteLoopAsync(socket);
        await ReadLoopAsync(socket);
        Close("transport close", null);
        await writer;
    }

    private int _upgradeClaimed;

    /// <summary>
    /// A polling session's upgrade: probe, noop to the pending poll, then the WebSocket carries everything. A session has
    /// one WebSocket at most: any other one is accepted, then closed (the spec says "close", and the reference server
    /// does so even before the first one has sent its probe), so the client sees a close rather than a failed handshake.
    /// </summary>
    internal async Task UpgradeAsync(WebSocket socket)
    {
        if (IsWebSocket || Interlocked.CompareExchange(ref _upgradeClaimed, 1, 0) != 0)
        {
            await AbandonAsync(socket, WebSocketCloseStatus.PolicyViolation);
            return;
        }

        if (!await ProbeAsync(socket))
        {
            Volatile.Write(ref _upgradeClaimed, 0); // the client may try again with a new WebSocket
            return;
        }

        CompleteUpgrade();
        await RunWebSocketAsync(socket);
    }

    /// <summary>2probe → 3probe (and a noop to the pending poll) → 5; false when the upgrade did not happen.</summary>
    private async Task<bool> ProbeAsync(WebSocket socket)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        deadline.CancelAfter(Options.UpgradeTimeout);
        try
        {
            if (await ReadTextAsync(socket, deadline.Token) != "2probe" || !TryBeginUpgrade())
            {
                await AbandonAsync(socket, WebSocketCloseStatus.PolicyViolation);
                return false;
            }

            await socket.SendAsync(Encoding.UTF8.GetBytes(EngineFrame.Probe.Text!), WebSocketMessageType.Text, true, deadline.Token);
            WakePoll();
            if (await ReadTextAsync(socket, deadline.Token) != "5")
            {
                CancelUpgrade();
                await AbandonAsync(socket, WebSocketCloseStatus.PolicyViolation);
                return false;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            CancelUpgrade();
            socket.Abort();
            return false;
        }

        return true;
    }

    private static async Task AbandonAsync(WebSocket socket, WebSocketCloseStatus status)
    {
        try
        {
            using var grace = new CancellationTokenSource(CloseGrace);
            await socket.CloseAsync(status, null, grace.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            socket.Abort();
        }
    }

    private async Task<string?> ReadTextAsync(WebSocket socket, CancellationToken ct)
    {
        var (type, data) = await ReadMessageAsync(socket, ct);
        return type == WebSocketMessageType.Text && data is not null ? Encoding.UTF8.GetString(data) : null;
    }

    private async Task ReadLoopAsync(WebSocket socket)
    {
        try
        {
            // Until the client answers the close (or the writer cuts it off): a socket closed with data unread is reset,
            // and the reset loses what is still on its way to the client, the close packet included.
            while (true)
            {
                // Never cancelled: cancelling a receive aborts the socket before the close packet could go out.
                var (type, data) = await ReadMessageAsync(socket, CancellationToken.None);
                if (type == WebSocketMessageType.Close)
                {
                    return;
                }

                if (!IsOpen)
                {
                    continue; // closing: what the client still sends is dropped
                }

                if (data is null)
                {
                    Close("message too large");
                    return;
                }

                EnginePacket packet;
                if (type == WebSocketMessageType.Binary)
                {
                    packet = new EnginePacket(EnginePacketType.Message, Binary: data);
                }
                else if (!TryDecode(data, out var text) || !EngineCodec.TryParse(text, allowBase64Binary: false, out packet))
                {
                    Close("parse error");
                    return;
                }

                await ReceiveAsync(packet);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
            Close("transport error", null);
        }
    }

    private static bool TryDecode(byte[] data, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(data);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>One whole message; data is null when it exceeds MaxPayload (the rest is not read).</summary>
    private async Task<(WebSocketMessageType Type, byte[]? Data)> ReadMessageAsync(WebSocket socket, CancellationToken ct)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            ArrayBufferWriter<byte>? message = null;
            while (true)
            {
                var result = await socket.ReceiveAsync(chunk.AsMemory(), ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return (WebSocketMessageType.Close, null);
                }

                if (result.EndOfMessage && message is null && result.Count <= Options.MaxPayload)
                {
                    return (result.MessageType, chunk.AsSpan(0, result.Count).ToArray());
                }

                message ??= new ArrayBufferWriter<byte>(2048);
                message.Write(chunk.AsSpan(0, result.Count));
                if (message.WrittenCount > Options.MaxPayload)
                {
                    return (result.MessageType, null);
                }

                if (result.EndOfMessage)
                {
                    return (result.MessageType, message.WrittenSpan.ToArray());
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>Sends the outbox in order; once the session closes, sends what is left (the close packet) and closes.</summary>
    private async Task WriteLoopAsync(WebSocket socket)
    {
        using var abort = new CancellationTokenSource();
        using var onClose = _closing.Token.Register(() => abort.CancelAfter(CloseGrace));
        try
        {
            await foreach (var frame in Outbox.ReadAllAsync(abort.Token))
            {
                if (frame.Text is not null)
                {
                    await socket.SendAsync(frame.Utf8, WebSocketMessageType.Text, true, abort.Token);
                }
                else
                {
                    await socket.SendAsync(frame.Binary!, WebSocketMessageType.Binary, true, abort.Token);
                }
            }

            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, abort.Token);
            }

            // The reader ends when the client answers the close; a client that never does is cut off.
            _ = Task.Delay(CloseGrace, CancellationToken.None).ContinueWith(_ => socket.Abort(), TaskScheduler.Default);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            socket.Abort();
            Close("transport error", null);
        }
    }
}
