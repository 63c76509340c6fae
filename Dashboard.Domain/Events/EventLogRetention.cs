using Dashboard.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Domain.Events;

/// <summary>
/// Prunes the event log in the background: entries older than the retention, and the oldest beyond the row cap. The
/// newest entry always stays, so the log knows its position after a quiet day. Deletes take their turn in the writer.
/// </summary>
public sealed partial class EventLogRetention(DomainWriter writer, IOptions<EventLogOptions> options, TimeProvider time, ILogger<EventLogRetention> logger)
    : BackgroundService
{
    public async Task<int> PruneAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        var cutoff = time.GetUtcNow().UtcDateTime - settings.Retention;
        var deleted = 0;
        await writer.MaintainAsync(async db =>
        {
            var newest = await db.EventLog.MaxAsync(e => (long?)e.Position, ct) ?? 0;
            var keepFrom = newest - settings.MaxRows + 1;
            deleted = await db.EventLog.Where(e => e.Position < newest && (e.At < cutoff || e.Position < keepFrom)).ExecuteDeleteAsync(ct);
        }, ct);
        if (deleted > 0)
        {
            LogPruned(deleted);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PruneInterval, time);
        do
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPruneFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Debug, "Pruned {Count} event log entries past retention")]
    private partial void LogPruned(int count);

    [LoggerMessage(LogLevel.Warning, "Pruning the event log failed; it will be tried again")]
    private partial void LogPruneFailed(Exception ex);
}
