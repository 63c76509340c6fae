using Dashboard.Domain.Common;
using Microsoft.Extensions.Logging;

namespace Dashboard.Domain.Subscriptions;

/// <summary>
/// At the start of each business day (looked at every minute, and at start), the subscription changes whose day has come
/// become their customers' quantity and price, and everyone showing them hears of it.
/// </summary>
public sealed class SubscriptionRollover(SubscriptionService subscriptions, TimeProvider time, ILogger<SubscriptionRollover> logger)
    : PeriodicPruning(time, logger)
{
    protected override string What => "subscription changes due today";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    public override Task<int> PruneAsync(CancellationToken ct = default) => subscriptions.ApplyDueAsync(ct);
}
