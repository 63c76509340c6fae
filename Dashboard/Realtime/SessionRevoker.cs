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
        _subscription = events.Subscribe<UserChanged>(RecheckAsync);
        return Task.CompletedTask;
    }

    private async Task RecheckAsync(UserChanged e)
    {
        access.Forget(e.User.Id);
        foreach (var connection in registry.ControlsOf(e.User.Id))
        {
            if (await access.RefusalAsync(connection.Principal) is { } reason)
            {
                LogEnded(e.User.Id, reason);
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
