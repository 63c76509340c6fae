using Dashboard.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
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
    ILogger<NotificationRetention> logger) : BackgroundService
{
    public async Task<int> PruneAsync(CancellationToken ct = default)
    {
        var days = options.Value.RetentionDays;
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-days);
        var deleted = 0;
        await writer.MaintainAsync(async db => deleted = await db.Notifications.Where(n => n.CreatedAt < cutoff).ExecuteDeleteAsync(ct), ct);
        if (deleted > 0)
        {
            LogPruned(deleted, days);
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

    [LoggerMessage(LogLevel.Information, "Deleted {Count} notifications older than {Days} days")]
    private partial void LogPruned(int count, int days);

    [LoggerMessage(LogLevel.Warning, "Pruning notifications failed; it will be tried again")]
    private partial void LogPruneFailed(Exception ex);
}
