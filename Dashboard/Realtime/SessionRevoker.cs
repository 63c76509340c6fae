using Dashboard.Auth;
using Dashboard.Domain.Events;
using Dashboard.Domain.Users;

namespace Dashboard.Realtime;

/// <summary>
/// When a user changes, re-checks every open connection of theirs (hub, Socket.IO, browser tab) and ends the ones whose
/// sign-in is no longer good: a disabled user, or a role, customer link or password changed since they signed in.
/// New connections are refused by the same check (<see cref="UserAccess"/>) at the handshake.
/// </summary>
public sealed partial class SessionRevoker(IEventAggregator events, ConnectionRegistry registry, UserAccess access, ILogger<SessionRevoker> logger)
    : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Fallen behind, it no longer knows whose sessions changed: everyone connected is checked again.
        _subscription = events.Subscribe<UserChanged>(e => RecheckAsync(e.User.Id),
            async () =>
            {
                foreach (var userId in registry.Snapshot().Select(c => c.UserId).Distinct())
                {
                    await RecheckAsync(userId);
                }
            });
        return Task.CompletedTask;
    }

    private async Task RecheckAsync(string userId)
    {
        access.Forget(userId);
        foreach (var connection in registry.ControlsOf(userId))
        {
            if (await access.RefusalAsync(connection.Principal) is { } reason)
            {
                LogEnded(userId, reason);
                connection.End(reason);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    [LoggerMessage(LogLevel.Information, "Ended a connection of user {UserId}: {Reason}")]
    private partial void LogEnded(string userId, string reason);
}
