using System.Threading.Channels;

namespace Dashboard.Realtime.SocketIO.Engine;

/// <summary>
/// One Engine.IO session: its outbox (read by the pending long-polling GET, or by the WebSocket writer once upgraded),
/// the server-driven heartbeat, and the close rules of the protocol. Transport I/O: EngineSession.Polling.cs and
/// EngineSession.WebSocket.cs.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification =
    "_closing has no timer and _inbound's wait handle is never created; both die with the session, whose end is not one call site.")]
public sealed partial class EngineSession
{
    private const int Polling = 0;
    private const int Upgrading = 1;
    private const int WebSocketTransport = 2;

    private readonly Channel<EngineFrame> _outbox;
    private readonly IEngineHandler _handler;
    private readonly Action<EngineSession> _remove;
    private readonly Action _slowClient;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closing = new();
    private readonly SemaphoreSlim _inbound = new(1, 1);
    private int _transport;
    private int _closed;
    private TaskCompletionSource? _pong;
    private TaskCompletionSource? _upgradeSettled;
    private long _pongDueAt = long.MaxValue; // Environment.TickCount64 by which the owed pong must be back

    internal EngineSession(string id, EngineOptions options, EngineHandshake handshake, IEngineHandler handler, Action<EngineSession> remove,
        Action slowClient, ILogger logger)
    {
        _slowClient = slowClient;
        Id = id;
        Options = options;
        Handshake = handshake;
        _handler = handler;
        _remove = remove;
        _logger = logger;
        _transport = handshake.Transport == EngineServer.WebSocketName ? WebSocketTransport : Polling;
        _outbox = Channel.CreateBounded<EngineFrame>(new BoundedChannelOptions(options.OutboxCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    public string Id { get; }

    public EngineOptions Options { get; }

    public EngineHandshake Handshake { get; }

    /// <summary>The layer above keeps its per-session state here.</summary>
    public object? State { get; set; }

    public string Transport => Volatile.Read(ref _transport) == WebSocketTransport ? EngineServer.WebSocketName : EngineServer.PollingName;

    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    /// <summary>Cancelled when the session closes.</summary>
    public CancellationToken Closing => _closing.Token;

    internal ChannelReader<EngineFrame> Outbox => _outbox.Reader;

    /// <summary>Queues a frame; a client whose queue is full is too slow to keep and is disconnected.</summary>
    public bool Send(EngineFrame frame)
    {
        if (!IsOpen)
        {
            return false;
        }

        if (_outbox.Writer.TryWrite(frame))
        {
            return true;
        }

        CloseSlowClient();
        return false;
    }

    public const string SlowClientReason = "slow client";

    /// <summary>
    /// What is queued would not reach a client this far behind within the close grace anyway, so it is dropped to make
    /// room for the close packet: the client learns it was dropped (and reconnects, recovering what it missed) instead
    /// of seeing its transport cut mid-stream.
    /// </summary>
    private void CloseSlowClient()
    {
        if (!IsOpen)
        {
            return;
        }

        LogSlowClient(Id, Options.OutboxCapacity);
        _slowClient();
        while (_outbox.Reader.TryRead(out _))
        {
        }

        Close(SlowClientReason, EngineFrame.Close);
    }

    /// <summary>Closes the session from the server side; the client is told (close packet) and may reconnect.</summary>
    public void Close(string reason) => Close(reason, EngineFrame.Close);

    /// <summary>
    /// Closes the session once what is already queued has gone out. Over polling the close packet then goes in a response
    /// of its own, after the one carrying those messages, as the reference server's close waits for its buffer to drain:
    /// socket.io-client acts on a close at once, before the messages that came in the same response reach the app.
    /// </summary>
    public void CloseAfterQueued(string reason) => Close(reason, EngineFrame.Close, alone: true);

    internal void Close(string reason, EngineFrame? last, bool alone = false)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        // That close packet is left for a later GET, which must find the session.
        var closePacketWaits = !IsWebSocket && (reason == SlowClientReason || (alone && _outbox.Reader.Count > 0));
        Volatile.Write(ref _closeAlone, closePacketWaits && alone);
        if (last is not null)
        {
            _outbox.Writer.TryWrite(last);
        }

        _outbox.Writer.TryComplete();
        _closing.Cancel();
        _pong?.TrySetCanceled();
        if (closePacketWaits)
        {
            _ = RemoveAfterClosePacketAsync();
        }
        else
        {
            _remove(this);
        }

        LogClosed(Id, reason);
        try
        {
            _handler.OnClose(this, reason);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex, Id);
        }
    }

    /// <summary>
    /// A polling client with no GET waiting, or whose GET takes only what was queued before the close, would find its
    /// session gone, and never see its close packet: the session stays reachable until the next GET takes it
    /// (<see cref="PollAsync"/> removes it then), or PingTimeout passes.
    /// </summary>
    private async Task RemoveAfterClosePacketAsync()
    {
        await Task.Delay(Options.PingTimeout, CancellationToken.None);
        _remove(this);
    }

    internal void Start()
    {
        _handler.OnOpen(this);
        _ = HeartbeatAsync();
    }

    /// <summary>
    /// Pings every PingInterval after the last pong; a pong not back within PingTimeout closes the session. The deadline
    /// is also kept as a time, which requests check (<see cref="ExpireIfPongOverdue"/>), as the timer may fire late.
    /// </summary>
    private async Task HeartbeatAsync()
    {
        try
        {
            while (IsOpen)
            {
                await Task.Delay(Options.PingInterval, _closing.Token);
                var pong = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref _pong, pong);
                Volatile.Write(ref _pongDueAt, Environment.TickCount64 + (long)Options.PingTimeout.TotalMilliseconds);
                if (!Send(EngineFrame.Ping))
                {
                    return;
                }

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
                timeout.CancelAfter(Options.PingTimeout);
                try
                {
                    await pong.Task.WaitAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (!_closing.IsCancellationRequested)
                {
                    Close("ping timeout");
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // closed
        }
    }

    /// <summary>One packet from the client, whichever transport carried it; messages go up one at a time, in order.</summary>
    internal async ValueTask ReceiveAsync(EnginePacket packet)
    {
        switch (packet.Type)
        {
            case EnginePacketType.Pong:
                Volatile.Write(ref _pongDueAt, long.MaxValue);
                Volatile.Read(ref _pong)?.TrySetResult();
                break;
            case EnginePacketType.Ping:
                Send(new EngineFrame("3" + packet.Text, null));
                break;
            case EnginePacketType.Close:
                // A client's own close ends a pending poll with a noop, as the reference server does.
                Close("client close", EngineFrame.Noop);
                break;
            case EnginePacketType.Message:
                await _inbound.WaitAsync();
                try
                {
                    if (IsOpen)
                    {
                        await _handler.OnMessageAsync(this, packet);
                    }
                }
                catch (Exception ex)
                {
                    LogHandlerFailed(ex, Id);
                    Close("server error");
                }
                finally
                {
                    _inbound.Release();
                }

                break;
            default:
                break; // upgrade and noop mean nothing outside an upgrade
        }
    }

    /// <summary>
    /// Closes the session if its pong is overdue, though the timeout timer has not fired yet (it can run late on a busy
    /// machine): a request must not find alive a session the heartbeat already gave up on.
    /// </summary>
    internal bool ExpireIfPongOverdue()
    {
        if (Environment.TickCount64 < Volatile.Read(ref _pongDueAt))
        {
            return false;
        }

        Close("ping timeout");
        return true;
    }

    internal bool TryBeginUpgrade()
    {
        // Set before the state flips, so a poll that sees the upgrade can wait for its end (one upgrade at a time).
        Volatile.Write(ref _upgradeSettled, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return Interlocked.CompareExchange(ref _transport, Upgrading, Polling) == Polling;
    }

    internal void CancelUpgrade()
    {
        Interlocked.CompareExchange(ref _transport, Polling, Upgrading);
        Volatile.Read(ref _upgradeSettled)?.TrySetResult();
    }

    internal void CompleteUpgrade()
    {
        Volatile.Write(ref _transport, WebSocketTransport);
        Volatile.Read(ref _upgradeSettled)?.TrySetResult();
    }

    internal bool IsUpgrading => Volatile.Read(ref _transport) == Upgrading;

    internal bool IsWebSocket => Volatile.Read(ref _transport) == WebSocketTransport;

    [LoggerMessage(LogLevel.Debug, "Engine.IO session {Sid} closed: {Reason}")]
    private partial void LogClosed(string sid, string reason);

    [LoggerMessage(LogLevel.Warning, "Engine.IO session {Sid} has {Capacity} frames queued and is disconnected as too slow")]
    private partial void LogSlowClient(string sid, int capacity);

    [LoggerMessage(LogLevel.Error, "The handler of Engine.IO session {Sid} failed")]
    private partial void LogHandlerFailed(Exception ex, string sid);
}
