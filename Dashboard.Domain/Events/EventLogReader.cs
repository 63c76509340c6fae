using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Events;

/// <summary>Reads the durable event log: what a reconnecting client missed, and how far back the log reaches.</summary>
public sealed class EventLogReader(IDbContextFactory<DashboardDbContext> contexts)
{
    /// <summary>
    /// Events after <paramref name="after"/> whose audience meets <paramref name="rooms"/> (null: every event), in order, at
    /// most <paramref name="max"/>.
    /// </summary>
    public async Task<EventLogPage> ReadAfterAsync(long after, IReadOnlySet<string>? rooms, int max, CancellationToken ct = default)
    {
        const int chunk = 1_000;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = new List<LoggedEvent>();
        var cursor = after;
        while (true)
        {
            var rows = await db.EventLog.AsNoTracking().Where(e => e.Position > cursor).OrderBy(e => e.Position).Take(chunk).ToListAsync(ct);
            foreach (var row in rows)
            {
                cursor = row.Position;
                var e = row.ToModel();
                if (rooms is not null && !e.IsFor(rooms))
                {
                    continue;
                }

                if (found.Count == max)
                {
                    return new EventLogPage(found, Complete: false);
                }

                found.Add(e);
            }

            if (rows.Count < chunk)
            {
                return new EventLogPage(found, Complete: true);
            }
        }
    }

    /// <summary>
    /// Whether the log still holds everything after <paramref name="position"/>: the entry after it is still there (or it is
    /// the newest). Past retention, a client must resync instead of recovering.
    /// </summary>
    public async Task<bool> CoversAsync(long position, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var oldest = await db.EventLog.MinAsync(e => (long?)e.Position, ct);
        var newest = await db.EventLog.MaxAsync(e => (long?)e.Position, ct);
        // Pruning always keeps the newest entry, so an empty log means nothing was ever written.
        return oldest is null ? position == 0 : position >= oldest.Value - 1 && position <= newest;
    }
}

/// <summary>One read of the log; <see cref="Complete"/> is false when more events remain beyond <c>max</c>.</summary>
public sealed record EventLogPage(IReadOnlyList<LoggedEvent> Events, bool Complete);
