using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Realtime;

/// <summary>A token bucket per connection (Realtime:RateLimit); a flooding client is slowed, never its neighbours.</summary>
public sealed class ConnectionRateLimits(IOptions<RealtimeOptions> options)
{
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _limiters = new();

    public bool TryAcquire(string connectionId)
    {
        var limiter = _limiters.GetOrAdd(connectionId, _ => Create(options.Value.RateLimit));
        using var lease = limiter.AttemptAcquire();
        return lease.IsAcquired;
    }

    public void Forget(string connectionId)
    {
        if (_limiters.TryRemove(connectionId, out var limiter))
        {
            limiter.Dispose();
        }
    }

    private static TokenBucketRateLimiter Create(RateLimitOptions o) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = Math.Max(1, o.Burst),
        TokensPerPeriod = Math.Max(1, o.PermitsPerSecond),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    });
}
