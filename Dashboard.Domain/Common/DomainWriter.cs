using System.Text.Json;
using Dashboard.Domain.Activity;
using Dashboard.Domain.Events;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Common;

/// <summary>
/// Runs one command in one transaction. Events raised during the command are published only after the commit;
/// a command that throws writes nothing and publishes nothing.
/// </summary>
/// <remarks>
/// Commands take turns in this process: SQLite has a single writer anyway, and waiting here instead of in SQLite's
/// busy-retry loop is much faster; it also makes events reach subscribers in exactly the order their writes committed
/// (a later balance never overtaken by an earlier one).
/// </remarks>
public sealed class DomainWriter(IDbContextFactory<DashboardDbContext> contexts, IEventAggregator aggregator, BusinessClock clock) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public async Task<T> WriteAsync<T>(Actor actor, Func<WriteScope, Task<T>> command, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await WriteAsync(db, actor, command, ct);
    }

    /// <summary>The same, on a context the caller owns (e.g. the scoped one ASP.NET Core Identity's stores write through).</summary>
    public async Task<T> WriteAsync<T>(DashboardDbContext db, Actor actor, Func<WriteScope, Task<T>> command, CancellationToken ct = default)
    {
        await _turn.WaitAsync(ct);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var scope = new WriteScope(db, actor, clock);
            var result = await command(scope);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            aggregator.Publish(scope.CommittedEvents());
            return result;
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();

    public async Task<T> ReadAsync<T>(Func<DashboardDbContext, Task<T>> query, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await query(db);
    }
}

public sealed class WriteScope(DashboardDbContext db, Actor actor, BusinessClock clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<IDomainEvent> _events = [];
    private readonly List<ActivityEntity> _activity = [];

    public DashboardDbContext Db { get; } = db;

    public Actor Actor { get; } = actor;

    public BusinessClock Clock { get; } = clock;

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

    /// <summary>The command's events in the order raised, then its activity entries (ids assigned by the save).</summary>
    internal IReadOnlyList<IDomainEvent> CommittedEvents() =>
        [.. _events, .. _activity.Select(a => new ActivityLogged(a.ToModel()))];
}
