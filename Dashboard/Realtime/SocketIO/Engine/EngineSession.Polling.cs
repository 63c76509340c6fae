using System.Buffers;
using System.Text;

namespace Dashboard.Realtime.SocketIO.Engine;

/// <summary>HTTP long-polling: one GET waits for the outbox, one POST at a time carries the client's packets.</summary>
public sealed partial class EngineSession
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly TimeSpan UpgradePollHold = TimeSpan.FromMilliseconds(100);

    private int _polling;
    private int _posting;
    private bool _closeAlone;
    private CancellationTokenSource? _pollWake;

    internal async Task PollAsync(HttpContext http)
    {
        if (IsWebSocket)
        {
            await EngineServer.RejectAsync(http, EngineError.BadRequest);
            return;
        }

        if (!IsOpen && !Outbox.TryPeek(out _))
        {
            _remove(this); // its close packet is delivered: the session is gone
            await EngineServer.RejectAsync(http, EngineError.UnknownSid);
            return;
        }

        if (Interlocked.Exchange(ref _polling, 1) == 1)
        {
            // Two GETs at once: the spec closes the session; the first GET is answered with the close packet.
            Close("overlapping poll requests");
            await EngineServer.RejectAsync(http, EngineError.BadRequest);
            return;
        }

        try
        {
            await AnswerPollAsync(http);
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    private async Task AnswerPollAsync(HttpContext http)
    {
        var wake = new CancellationTokenSource();
        Interlocked.Exchange(ref _pollWake, wake); // a full fence: an upgrade beginning now either sees this GET or is seen by it
        if (IsUpgrading)
        {
            await AnswerPollDuringUpgradeAsync(http);
            return;
        }

        bool ready;
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, wake.Token))
        {
            try
            {
                ready = await Outbox.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                Close("poll request aborted", null);
                return;
            }
            catch (OperationCanceledException)
            {
                // An upgrade began: end this poll with a noop so the client can move to the WebSocket.
                await WritePayloadAsync(http, EngineFrame.Noop.Text!);
                return;
            }
            finally
            {
                Volatile.Write(ref _pollWake, null);
            }
        }

        var frames = new List<EngineFrame>();
        var size = 0;
        while (Outbox.TryPeek(out var next) && (frames.Count == 0 || (size + next.PollingLength + 1 <= Options.MaxPayload && !IsCloseAlone(next))))
        {
            Outbox.TryRead(out next);
            frames.Add(next!);
            size += next!.PollingLength + 1;
        }

        await WritePayloadAsync(http, ready && frames.Count > 0 ? EngineCodec.EncodePayload(frames) : EngineFrame.Noop.Text!);
    }

    /// <summary>
    /// A GET that arrives once the probe is answered was either sent before the client saw "3probe" (it wants a noop to
    /// finish the upgrade) or after its "5", still on its way over the WebSocket (a poll after the upgrade, refused). So
    /// it waits a little for the upgrade to end, as the reference server answers such a GET on a 100 ms check.
    /// </summary>
    private async Task AnswerPollDuringUpgradeAsync(HttpContext http)
    {
        try
        {
            await Volatile.Read(ref _upgradeSettled)!.Task.WaitAsync(UpgradePollHold, http.RequestAborted);
        }
        catch (TimeoutException)
        {
            // the client waits for this GET before it sends "5"
        }
        catch (OperationCanceledException)
        {
            return; // the client went away
        }

        if (IsWebSocket)
        {
            await EngineServer.RejectAsync(http, EngineError.BadRequest);
        }
        else
        {
            await WritePayloadAsync(http, EngineFrame.Noop.Text!);
        }
    }

    /// <summary>The close packet of <see cref="CloseAfterQueued"/>, which goes in a response of its own.</summary>
    private bool IsCloseAlone(EngineFrame frame) => ReferenceEquals(frame, EngineFrame.Close) && Volatile.Read(ref _closeAlone);

    /// <summary>Wakes a waiting GET (it answers a noop), when an upgrade begins.</summary>
    internal void WakePoll() => Volatile.Read(ref _pollWake)?.Cancel();

    private static Task WritePayloadAsync(HttpContext http, string payload)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/plain; charset=UTF-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(payload, Encoding.UTF8);
    }

    internal async Task PostAsync(HttpContext http)
    {
        if (IsWebSocket)
        {
            await EngineServer.RejectAsync(http, EngineError.BadRequest);
            return;
        }

        if (Interlocked.Exchange(ref _posting, 1) == 1)
        {
            Close("overlapping POST requests");
            await EngineServer.RejectAsync(http, EngineError.BadRequest);
            return;
        }

        try
        {
            var body = await ReadBodyAsync(http);
            if (body is null)
            {
                Close("payload too large");
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            var packets = new List<EnginePacket>();
            string text;
            try
            {
                text = StrictUtf8.GetString(body);
            }
            catch (DecoderFallbackException)
            {
                text = "";
            }

            if (!EngineCodec.TryParsePayload(text, packets))
            {
                Close("parse error");
                await EngineServer.RejectAsync(http, EngineError.BadRequest);
                return;
            }

            foreach (var packet in packets)
            {
                await ReceiveAsync(packet);
            }

            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "text/html; charset=UTF-8";
            await http.Response.WriteAsync("ok");
        }
        finally
        {
            Volatile.Write(ref _posting, 0);
        }
    }

    /// <summary>The body, or null when it is larger than MaxPayload.</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength > Options.MaxPayload)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await http.Request.Body.ReadAsync(memory, http.RequestAborted);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > Options.MaxPayload)
            {
                return null;
            }
        }
    }
}
