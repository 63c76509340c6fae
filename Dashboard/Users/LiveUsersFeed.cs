using Dashboard.Realtime;

namespace Dashboard.Users;

/// <summary>
/// Sends the staff in <c>admin-dashboard</c> everyone online (<c>live-users-update</c>) whenever someone arrives, moves or leaves, at most once per
/// <see cref="Interval"/>: a reconnect storm of a thousand apps costs staff a few updates, not a thousand.
/// </summary>
public sealed partial class LiveUsersFeed(ConnectionRegistry registry, LiveMessages live, ILogger<LiveUsersFeed> logger) : IHostedService, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _stopping = new();
    private IDisposable? _watch;
    private int _pending;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _watch = registry.Watch(Changed);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Stop();
        return Task.CompletedTask;
    }

    // The host may dispose the feed before it stops it (a test host's shutdown does): both only stop, once or twice.
    // The token source is not disposed: it has no timer, and a late StopAsync must still be able to cancel it.
    public void Dispose() => Stop();

    private void Stop()
    {
        _watch?.Dispose();
        _stopping.Cancel();
    }

    /// <summary>Everyone online, in a stable order: by name, then oldest connection first.</summary>
    public static IReadOnlyList<LiveUser> Current(IEnumerable<RealtimeConnection> connections) => [.. connections
        .OrderBy(c => c.UserName, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.ConnectedAt).Select(LiveUser.Of)];

    private void Changed()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _ = SendLaterAsync();
        }
    }

    private async Task SendLaterAsync()
    {
        try
        {
            await Task.Delay(Interval, _stopping.Token);
            // Before the snapshot: a change after it schedules the next update.
            Volatile.Write(ref _pending, 0);
            var connections = registry.Snapshot();
            if (!connections.Any(c => c.Rooms.Contains(Rooms.AdminDashboard, StringComparer.Ordinal)))
            {
                return; // nobody watches: no list to sort and encode (a joiner's arrival is a change that sends it)
            }

            await live.SendAsync(new Outbound(LiveUsersRealtime.Update, Current(connections), LiveUsersRealtime.Audience));
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            LogSendFailed(ex);
        }
    }

    [LoggerMessage(LogLevel.Error, "Sending live-users-update failed")]
    private partial void LogSendFailed(Exception ex);
}

public static class LiveUsersExtensions
{
    /// <summary>Seed 004's live users: <c>page:navigate</c> in the catalog, and the coalesced <c>live-users-update</c> to <c>admin-dashboard</c>.</summary>
    public static IServiceCollection AddLiveUsers(this IServiceCollection services) =>
        services.AddRealtimeFeature<LiveUsersRealtime>().AddHostedService<LiveUsersFeed>();
}
