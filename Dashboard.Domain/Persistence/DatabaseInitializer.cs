using Dashboard.Domain.Common;
using Dashboard.Domain.Events;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Domain.Persistence;

/// <summary>
/// Brings the database to the current schema version at start (EF Core migrations; the applied versions are in
/// __EFMigrationsHistory) and makes sure the roles exist. Never deletes or invents business data. Tells the aggregator
/// where the event log stands, so positions continue across a restart.
/// </summary>
public sealed class DatabaseInitializer(IDbContextFactory<DashboardDbContext> contexts, IEventAggregator events, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Upgrading the database schema: applying {Migrations}", string.Join(", ", pending));
        }

        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (pages, stats) proceed while a write commits; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        foreach (var role in Roles.All)
        {
            if (!await db.Roles.AnyAsync(r => r.Name == role, ct))
            {
                db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
            }
        }

        await db.SaveChangesAsync(ct);
        events.StartAt(await db.EventLog.MaxAsync(e => (long?)e.Position, ct) ?? 0);
    }
}
