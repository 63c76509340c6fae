using System.Collections.Concurrent;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Realtime.SocketIO.Recovery;

/// <summary>
/// Where recoverable sessions are kept: this process's map, consulted first (a quick reconnect never waits for a write),
/// and the RealtimeSessions table, so that they outlive a restart or a crash. Table writes take their turn in the
/// <see cref="DomainWriter"/> — SQLite's single writer — and are not awaited: each writes the session's state as it is
/// when the write runs, so writes queued in any order leave the latest state. Connected sessions' last-seen time is
/// written every SeenInterval (the disconnect time after a crash), and sessions past their window are forgotten.
/// </summary>
public sealed partial class RecoverableSessions(
    IOptions<RealtimeOptions> options, IDbContextFactory<DashboardDbContext> contexts, DomainWriter writer, TimeProvider time,
    ILogger<RecoverableSessions> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, RecoverableSession> _sessions = new(StringComparer.Ordinal);

    private RecoverySettings Settings => options.Value.Recovery;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The session is live here (or being recovered here): this process's copy is the one to use.</summary>
    public void Remember(RecoverableSession session) => _sessions[session.Key] = session;

    /// <summary>Keeps connected sessions' last-seen time current, and forgets sessions past their window.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Settings.SeenInterval < Settings.MaxDisconnection / 2 ? Settings.SeenInterval : Settings.MaxDisconnection / 2;
        using var timer = new PeriodicTimer(interval > TimeSpan.Zero ? interval : TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(ex);
            }
        }
    }

    public async Task SweepAsync(CancellationToken ct = default)
    {
        var now = Now;
        var cutoff = now - Settings.MaxDisconnection;
        var live = new List<string>();
        foreach (var (key, session) in _sessions)
        {
            lock (session.Gate)
            {
                if (session.Socket is not null)
                {
                    session.LastSeenAt = now;
                    live.Add(key);
                }
                else if (session.GoneSince < cutoff && session.Claimant is not { IsOpen: true })
                {
                    _sessions.TryRemove(new KeyValuePair<string, RecoverableSession>(key, session));
                }
            }
        }

        await writer.MaintainAsync(async db =>
        {
            foreach (var chunk in live.Chunk(500))
            {
                await db.RealtimeSessions.Where(s => chunk.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct);
            }

            await db.RealtimeSessions.Where(s => (s.DisconnectedAt ?? s.LastSeenAt) < cutoff).ExecuteDeleteAsync(ct);
        }, ct);
    }

    /// <summary>
    /// This process's session, unless it is detached here and the table holds a later state of it (another instance had
    /// it since); after a restart, the table's.
    /// </summary>
    public async Task<RecoverableSession?> FindAsync(string key)
    {
        var known = _sessions.GetValueOrDefault(key);
        if (known is not null)
        {
            lock (known.Gate)
            {
                if (known.Socket is not null || known.Claimant is { IsOpen: true })
                {
                    return known;
                }
            }
        }

        await using var db = await contexts.CreateDbContextAsync();
        var row = await db.RealtimeSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == key);
        if (row is null || (known is not null && (row.DisconnectedAt ?? row.LastSeenAt) <= known.GoneSince))
        {
            return known;
        }

        var loaded = RecoverableSession.FromEntity(row);
        return known is null ? _sessions.GetOrAdd(key, loaded) : _sessions.TryUpdate(key, loaded, known) ? loaded : _sessions.GetValueOrDefault(key);
    }

    public void Save(RecoverableSession session)
    {
        try
        {
            writer.MaintainAsync(async db =>
            {
                var now = session.ToEntity();
                var row = await db.RealtimeSessions.FindAsync(now.Id);
                if (row is null)
                {
                    db.RealtimeSessions.Add(now);
                }
                else
                {
                    db.Entry(row).CurrentValues.SetValues(now);
                }
            }).ContinueWith(t => LogSaveFailed(t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        catch (ObjectDisposedException)
        {
            // Shutting down: the last-seen time already written stands in for the disconnect time.
        }
    }

    /// <summary>The session ended for good (a server or client disconnect): nobody may resume it, here or elsewhere.</summary>
    public void Forget(RecoverableSession session)
    {
        _sessions.TryRemove(new KeyValuePair<string, RecoverableSession>(session.Key, session));
        try
        {
            writer.MaintainAsync(db => db.RealtimeSessions.Where(s => s.Id == session.Key).ExecuteDeleteAsync())
                .ContinueWith(t => LogSaveFailed(t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        catch (ObjectDisposedException)
        {
            // Shutting down: the row expires with its window.
        }
    }

    [LoggerMessage(LogLevel.Warning, "Writing a real-time session failed; its recovery falls back to the last state written")]
    private partial void LogSaveFailed(Exception ex);

    [LoggerMessage(LogLevel.Warning, "Sweeping real-time sessions failed; it will be tried again")]
    private partial void LogSweepFailed(Exception ex);
}
