namespace Dashboard.Realtime;

/// <summary>
/// Messages that are not in the event log (the catalog's <see cref="RealtimeCatalogBuilder.LiveOnly"/> events, e.g.
/// <c>live-users-update</c>): handed to every transport's relay at once, for the connections in their rooms now.
/// </summary>
public sealed class LiveMessages(RealtimeCatalog catalog)
{
    private readonly Lock _gate = new();
    private Func<Outbound, Task>[] _relays = [];

    public async Task SendAsync(Outbound message)
    {
        if (!catalog.IsLiveOnly(message.Event))
        {
            throw new InvalidOperationException($"'{message.Event}' is not declared live-only in the real-time catalog.");
        }

        foreach (var relay in Volatile.Read(ref _relays))
        {
            await relay(message);
        }
    }

    /// <summary>A transport's relay, until disposed.</summary>
    public IDisposable Subscribe(Func<Outbound, Task> relay)
    {
        lock (_gate)
        {
            _relays = [.. _relays, relay];
        }

        return new Unsubscribe(() =>
        {
            lock (_gate)
            {
                _relays = [.. _relays.Where(r => r != relay)];
            }
        });
    }

    private sealed class Unsubscribe(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
