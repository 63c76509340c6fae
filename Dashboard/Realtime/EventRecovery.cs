using System.Text.Json;
using Dashboard.Domain.Common;
using Dashboard.Domain.Events;

namespace Dashboard.Realtime;

/// <summary>One missed event as <c>events:since</c> returns it: the wire name, the payload as it was sent live, its position.</summary>
public sealed record RecoveredEvent(string Name, JsonElement Payload, long Position);

/// <summary>
/// A page of missed events, in position order. <see cref="Position"/> is where the next call starts: with
/// <see cref="More"/> the last event returned; without, the point the log was read up to — every event at or before it
/// that the caller may see is in this or an earlier page, so live events at or before it are duplicates.
/// </summary>
public sealed record EventsSince(IReadOnlyList<RecoveredEvent> Events, long Position, bool More);

/// <summary>
/// Recovery after a gap longer than a transport's own resume: what a connection's rooms would have received after a
/// position, read from the durable log (so it survives restarts and works on any instance).
/// </summary>
public sealed class EventRecovery(EventLogReader log, IEventAggregator events, RealtimeCatalog catalog, RealtimeMetrics metrics)
{
    /// <summary>The client → server call (SignalR: a hub method returning the page).</summary>
    public const string Method = "events:since";

    public const int PageSize = 1_000;

    /// <param name="max">At most this many events (1 to <see cref="PageSize"/>; null: <see cref="PageSize"/>).</param>
    public async Task<EventsSince> SinceAsync(long after, int? max, IReadOnlySet<string> rooms, CancellationToken ct)
    {
        if (after < 0)
        {
            throw new DomainException(ErrorCodes.ValidationFailed, "position must be 0 or a position the server sent.");
        }

        if (max is < 1 or > PageSize)
        {
            throw new DomainException(ErrorCodes.ValidationFailed, $"max must be between 1 and {PageSize}.");
        }

        // Published implies committed: the read below sees every event up to here.
        var published = events.LastPublished;
        var page = await log.ReadAfterAsync(after, rooms, max ?? PageSize, ct);
        // Checked after the read: pruning only moves the oldest entry forward, so a log that covers `after` now did during the read.
        if (!await log.CoversAsync(after, ct))
        {
            metrics.Recovery("events:since gap-too-old");
            throw new DomainException(ErrorCodes.GapTooOld,
                $"Position {after} is no longer (or not yet) in the event log; reload the state and continue from the connected position.");
        }

        // An event with aliases is recovered under each of its names, as it went out live, all at its position.
        var found = page.Events.SelectMany(e => catalog.WireNames(e.Name)
            .Select(name => new RecoveredEvent(name, JsonSerializer.Deserialize<JsonElement>(e.Payload), e.Position))).ToList();
        var last = found.Count > 0 ? found[^1].Position : after;
        // A SignalR app's catch-up, page by page, next to Socket.IO's session recoveries on the real-time page.
        metrics.Recovery("events:since");
        metrics.Replayed(found.Count);
        return page.Complete ? new EventsSince(found, Math.Max(last, published), More: false) : new EventsSince(found, last, More: true);
    }

    /// <summary>The position a new connection starts from, read after it joined its rooms (see <see cref="RealtimeRelay.Delivered"/>).</summary>
    public long ConnectedPosition(RealtimeRelay relay) => Math.Max(events.LastPublished, relay.Delivered);
}
