using System.Text.Json;
using System.Threading.Channels;
using Dashboard.Domain.Activity;
using Dashboard.Domain.Events;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Domain.Common;

/// <summary>
/// Every write goes through here. Commands queue; one loop takes every command queued at that moment and runs them in
/// one transaction (group commit: one fsync for all), each inside its own savepoint, so a rejected command rolls back
/// alone and its neighbours commit. A command's events are appended to the durable event log in the same transaction,
/// at gapless positions, and are published — in position order — only after the commit; a command's task completes
/// only once its commit is durable.
/// </summary>
/// <remarks>
/// One loop is also what SQLite wants (a single writer), and it makes events reach subscribers in exactly the order their
/// writes committed (a later balance never overtaken by an earlier one).
/// </remarks>
public sealed partial class DomainWriter : IAsyncDisposable
{
    /// <summary>The most commands one transaction takes; more wait for the next one.</summary>
    public const int MaxBatch = 256;

    private const string Savepoint = "command";

    private const int MaxReactionRounds = 4;

    /// <summary>The writer connection's SQLite page cache, at most (64 MiB).</summary>
    private const int WriterCacheKiB = 64 * 1024;

    private readonly IDbContextFactory<DashboardDbContext> _contexts;
    private readonly IEventAggregator _aggregator;
    private readonly IEventDescriber _describer;
    private readonly BusinessClock _clock;
    private readonly Wording _words;
    private readonly IReadOnlyList<IWriteReaction> _reactions;
    private readonly ILogger<DomainWriter> _logger;
    private readonly Channel<PendingWrite> _queue = System.Threading.Channels.Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private long? _lastPosition;

    // The writer's own connection, open for its whole life (see OpenOwnContextAsync); held by a context that does nothing else.
    private DashboardDbContext? _connectionHolder;
    private long _batches;
    private long _commands;

    public DomainWriter(IDbContextFactory<DashboardDbContext> contexts, IEventAggregator aggregator, IEventDescriber describer,
        BusinessClock clock, IEnumerable<IWriteReaction> reactions, ILogger<DomainWriter> logger, Wording words)
    {
        _words = words;
        _contexts = contexts;
        _reactions = [.. reactions];
        _aggregator = aggregator;
        _describer = describer;
        _clock = clock;
        _logger = logger;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Transactions committed and commands they carried, since start (commands / batches = the group size).</summary>
    public (long Batches, long Commands) Committed => (Interlocked.Read(ref _batches), Interlocked.Read(ref _commands));

    public Task<T> WriteAsync<T>(Actor actor, Func<WriteScope, Task<T>> command, CancellationToken ct = default) =>
        Enqueue(new PendingWrite<T>(actor, command, null, ct));

    /// <summary>
    /// The same, on a context the caller owns (e.g. the scoped one ASP.NET Core Identity's stores write through). It takes
    /// its turn in the queue like any other command, in a transaction of its own.
    /// </summary>
    public Task<T> WriteAsync<T>(DashboardDbContext db, Actor actor, Func<WriteScope, Task<T>> command, CancellationToken ct = default) =>
        Enqueue(new PendingWrite<T>(actor, command, db, ct));

    /// <summary>Housekeeping that changes rows but raises no event (e.g. pruning the event log), in its turn like a command.</summary>
    public Task MaintainAsync(Func<DashboardDbContext, Task> work, CancellationToken ct = default) =>
        Enqueue(new PendingWrite<bool>(Actor.System("maintenance"), async scope =>
        {
            await work(scope.Db);
            return true;
        }, null, ct));

    public async Task<T> ReadAsync<T>(Func<DashboardDbContext, Task<T>> query, CancellationToken ct = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        return await query(db);
    }

    private Task<T> Enqueue<T>(PendingWrite<T> write)
    {
        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(DomainWriter), "The writer has stopped.");
        }

        return write.Task;
    }

    private async Task LoopAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryPeek(out var next))
            {
                // A command on the caller's own context runs in a transaction of its own.
                if (next.OwnContext is not null && batch.Count > 0)
                {
                    break;
                }

                _queue.Reader.TryRead(out _);
                batch.Add(next);
                if (next.OwnContext is not null)
                {
                    break;
                }
            }

            Exception? failure = null;
            try
            {
                await CommitAsync(batch);
            }
            catch (Exception ex)
            {
                // The transaction itself failed (disk full, I/O error): none of the batch committed.
                LogBatchFailed(ex, batch.Count);
                _lastPosition = null;
                failure = ex;
                await DropConnectionAsync(); // the next batch starts on a new one
            }

            // Only now, with the transaction over and a caller's own context no longer in use here, do callers resume.
            foreach (var write in batch)
            {
                write.Settle(failure);
            }

            batch.Clear();
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        var owned = batch[0].OwnContext is null;
        var db = batch[0].OwnContext ?? await OpenOwnContextAsync();
        try
        {
            _lastPosition ??= await db.EventLog.MaxAsync(e => (long?)e.Position) ?? 0;
            await using var tx = await db.Database.BeginTransactionAsync();
            var done = new List<(PendingWrite Write, WriteScope Scope)>(batch.Count);
            foreach (var write in batch)
            {
                if (write.Cancellation.IsCancellationRequested)
                {
                    write.Reject(new OperationCanceledException(write.Cancellation));
                    continue;
                }

                await tx.CreateSavepointAsync(Savepoint);
                var scope = new WriteScope(db, write.Actor, _clock, _words);
                try
                {
                    await write.RunAsync(scope);
                    await ReactAsync(scope, write.Cancellation);
                    await db.SaveChangesAsync();
                    await tx.ReleaseSavepointAsync(Savepoint);
                    done.Add((write, scope));
                }
                catch (Exception ex)
                {
                    await tx.RollbackToSavepointAsync(Savepoint);
                    write.Reject(ex);
                }

                if (owned)
                {
                    // Each command starts from a clean slate; a caller's own context keeps what it tracks.
                    db.ChangeTracker.Clear();
                }
            }

            var position = _lastPosition.Value;
            var published = new List<CommittedEvent>();
            var entries = new List<EventLogEntry>();
            foreach (var (_, scope) in done)
            {
                foreach (var e in scope.CommittedEvents())
                {
                    var wire = _describer.Describe(e);
                    var entry = new EventLogEntry
                    {
                        Position = ++position, At = scope.Now, Name = wire.Name, Payload = wire.Payload,
                        Rooms = JsonSerializer.Serialize(wire.Rooms),
                    };
                    entries.Add(entry);
                    published.Add(new CommittedEvent(e, new LoggedEvent(entry.Position, entry.At, wire.Name, wire.Payload, wire.Rooms)));
                }
            }

            db.EventLog.AddRange(entries);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            foreach (var entry in entries)
            {
                db.Entry(entry).State = EntityState.Detached;
            }

            _lastPosition = position;
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _commands, done.Count);
            _aggregator.Publish(published);
        }
        finally
        {
            if (owned)
            {
                await db.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// A fresh context for a batch, on the one connection the writer keeps open with a large page cache. The cache is what
    /// counts (a stream of payments had read each customer's index pages from the file again: docs/benchmarks.md,
    /// 2026-12-04); the connection of its own is what keeps it: SQLite empties a connection's cache when it begins a
    /// transaction after another connection wrote, and a pooled one may have been a reader's since.
    /// </summary>
    private async Task<DashboardDbContext> OpenOwnContextAsync()
    {
        if (_connectionHolder is null)
        {
            var holder = await _contexts.CreateDbContextAsync();
            await holder.Database.OpenConnectionAsync();
            if (holder.Database.IsSqlite())
            {
                // Room for the pages a stream of writes keeps touching (the customers' index entries behind each balance,
                // the tails of the payments, activity and event-log tables): with SQLite's default 2 MiB they fell out
                // of the cache between one customer's writes. Taken only as pages are read.
                await holder.Database.ExecuteSqlRawAsync($"PRAGMA cache_size = -{WriterCacheKiB};");
            }

            _connectionHolder = holder;
        }

        var db = await _contexts.CreateDbContextAsync();
        db.Database.SetDbConnection(_connectionHolder.Database.GetDbConnection(), contextOwnsConnection: false);
        return db;
    }

    /// <summary>
    /// Lets every <see cref="IWriteReaction"/> follow the command's events inside its savepoint — what they write commits or
    /// rolls back with the command — and then the events the reactions raised, a few rounds deep (a delivery moves stock,
    /// stock falling low notifies staff).
    /// </summary>
    private async Task ReactAsync(WriteScope scope, CancellationToken ct)
    {
        if (_reactions.Count == 0)
        {
            return;
        }

        for (var round = 0; ; round++)
        {
            var fresh = scope.TakeUnreacted();
            if (fresh.Count == 0)
            {
                return;
            }

            // Only events still unanswered after the last round mean a loop: a chain exactly that deep is fine.
            if (round == MaxReactionRounds)
            {
                throw new InvalidOperationException($"Write reactions still raised events after {MaxReactionRounds} rounds; a reaction answers its own events.");
            }

            foreach (var reaction in _reactions)
            {
                await reaction.ReactAsync(scope, fresh, ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        await DropConnectionAsync();
    }

    private async Task DropConnectionAsync()
    {
        if (_connectionHolder is { } holder)
        {
            _connectionHolder = null;
            await holder.DisposeAsync();
        }
    }

    [LoggerMessage(LogLevel.Error, "A group commit of {Count} commands failed; none of them was written")]
    private partial void LogBatchFailed(Exception ex, int count);

    private abstract class PendingWrite(Actor actor, DashboardDbContext? ownContext, CancellationToken ct)
    {
        public Actor Actor => actor;

        public DashboardDbContext? OwnContext => ownContext;

        public CancellationToken Cancellation => ct;

        /// <summary>Why this command alone did not commit (it threw, or its caller gave up while it was queued).</summary>
        protected Exception? Rejection { get; private set; }

        public abstract Task RunAsync(WriteScope scope);

        public void Reject(Exception ex) => Rejection = ex;

        /// <summary>Hands the caller its outcome: its own rejection, the batch's failure, or its result.</summary>
        public abstract void Settle(Exception? batchFailure);
    }

    private sealed class PendingWrite<T>(Actor actor, Func<WriteScope, Task<T>> command, DashboardDbContext? ownContext, CancellationToken ct)
        : PendingWrite(actor, ownContext, ct)
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _done.Task;

        public override async Task RunAsync(WriteScope scope) => _result = await command(scope);

        public override void Settle(Exception? batchFailure)
        {
            switch (Rejection ?? batchFailure)
            {
                case OperationCanceledException cancelled when Cancellation.IsCancellationRequested:
                    _done.TrySetCanceled(cancelled.CancellationToken);
                    break;
                case { } error:
                    _done.TrySetException(error);
                    break;
                default:
                    _done.TrySetResult(_result!);
                    break;
            }
        }
    }
}

public sealed class WriteScope(DashboardDbContext db, Actor actor, BusinessClock clock, Wording words)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<IDomainEvent> _events = [];
    private readonly List<ActivityEntity> _activity = [];
    private int _reacted;

    public DashboardDbContext Db { get; } = db;

    public Actor Actor { get; } = actor;

    public BusinessClock Clock { get; } = clock;

    /// <summary>Money, days and counts as the business writes them, for the sentences a write keeps (activity, notifications).</summary>
    public Wording Words { get; } = words;

    public DateTime Now { get; } = clock.UtcNow;

    public void Raise(IDomainEvent e) => _events.Add(e);

    public void Log(string action, string entityType, object entityId, string summary, Guid? customerId,
        object? before = null, object? after = null)
    {
        var entry = new ActivityEntity
        {
            At = Now,
            UserId = Actor.UserId,
            UserName = Actor.Name,
            Action = action,
            EntityType = entityType,
            EntityId = entityId.ToString() ?? "",
            Summary = summary.Length > 500 ? summary[..500] : summary,
            Channel = Actor.Channel,
            CustomerId = customerId,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        };
        _activity.Add(entry);
        Db.Activity.Add(entry);
    }

    /// <summary>The events raised since the last call (for <see cref="IWriteReaction"/>s).</summary>
    internal IReadOnlyList<IDomainEvent> TakeUnreacted()
    {
        var fresh = _events.Count == _reacted ? [] : _events.GetRange(_reacted, _events.Count - _reacted);
        _reacted = _events.Count;
        return fresh;
    }

    /// <summary>The command's events in the order raised, then its activity entries (ids assigned by the save).</summary>
    internal IReadOnlyList<IDomainEvent> CommittedEvents() =>
        [.. _events, .. _activity.Select(a => new ActivityLogged(a.ToModel()))];
}
