using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Domain.Common;

/// <summary>
/// Housekeeping in the background (pruning, applying what is due): runs once at start, then every <see cref="Interval"/>; a round that fails is logged
/// and tried again at the next one. The deletes themselves take their turn in the writer (<see cref="DomainWriter.MaintainAsync"/>).
/// </summary>
public abstract partial class PeriodicPruning(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    /// <summary>What is pruned, for the log ("the event log", "notifications").</summary>
    protected abstract string What { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>One round; returns how many rows it deleted.</summary>
    public abstract Task<int> PruneAsync(CancellationToken ct = default);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Time);
        do
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPruneFailed(logger, ex, What);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Warning, "A background round over {What} failed; it will be tried again")]
    private static partial void LogPruneFailed(ILogger logger, Exception ex, string what);
}
