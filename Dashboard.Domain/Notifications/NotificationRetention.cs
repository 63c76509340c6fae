using Dashboard.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Domain.Notifications;

/// <summary><c>Dashboard:Notifications</c>: how long notifications are kept, read or not.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Dashboard:Notifications";

    /// <summary>At least 1 (checked at start).</summary>
    public int RetentionDays { get; set; } = 90;

    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Deletes notifications older than the retention, in the background; the deletes take their turn in the writer.</summary>
public sealed partial class NotificationRetention(DomainWriter writer, IOptions<NotificationOptions> options, TimeProvider time,
    ILogger<NotificationRetention> logger) : PeriodicPruning(time, logger)
{
    protected override string What => "notifications";

    protected override TimeSpan Interval => options.Value.PruneInterval;

    public override async Task<int> PruneAsync(CancellationToken ct = default)
    {
        var days = options.Value.RetentionDays;
        var cutoff = Time.GetUtcNow().UtcDateTime.AddDays(-days);
        var deleted = 0;
        await writer.MaintainAsync(async db => deleted = await db.Notifications.Where(n => n.CreatedAt < cutoff).ExecuteDeleteAsync(ct), ct);
        if (deleted > 0)
        {
            LogPruned(deleted, days);
        }

        return deleted;
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} notifications older than {Days} days")]
    private partial void LogPruned(int count, int days);
}
