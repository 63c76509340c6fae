using Dashboard.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Domain.Events;

/// <summary>
/// Prunes the event log in the background: entries older than the retention (transient ones, like positions, sooner),
/// and the oldest beyond the row cap. The
/// newest entry always stays, so the log knows its position after a quiet day. Deletes take their turn in the writer.
/// </summary>
public sealed partial class EventLogRetention(DomainWriter writer, IOptions<EventLogOptions> options, TimeProvider time, ILogger<EventLogRetention> logger)
    : PeriodicPruning(time, logger)
{
    protected override string What => "the event log";

    protected override TimeSpan Interval => options.Value.PruneInterval;

    public override async Task<int> PruneAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        var now = Time.GetUtcNow().UtcDateTime;
        var cutoff = now - settings.Retention;
        var transientCutoff = now - settings.TransientRetention;
        var transient = settings.TransientEvents.ToList();
        var deleted = 0;
        await writer.MaintainAsync(async db =>
        {
            var newest = await db.EventLog.MaxAsync(e => (long?)e.Position, ct) ?? 0;
            if (transient.Count > 0)
            {
                deleted += await db.EventLog.Where(e => e.Position < newest && e.At < transientCutoff && transient.Contains(e.Name)).ExecuteDeleteAsync(ct);
            }

            // The cap counts rows, not positions: positions are not contiguous once transient events are gone.
            var keepFrom = await db.EventLog.OrderByDescending(e => e.Position).Skip(settings.MaxRows - 1).Select(e => (long?)e.Position)
                .FirstOrDefaultAsync(ct) ?? 0;
            deleted += await db.EventLog.Where(e => e.Position < newest && (e.At < cutoff || e.Position < keepFrom)).ExecuteDeleteAsync(ct);
        }, ct);
        if (deleted > 0)
        {
            LogPruned(deleted);
        }

        return deleted;
    }

    [LoggerMessage(LogLevel.Debug, "Pruned {Count} event log entries past retention")]
    private partial void LogPruned(int count);
}
