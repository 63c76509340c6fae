using System.Diagnostics;
using Dashboard.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Domain.Persistence;

/// <summary>
/// Fills an empty database with a believable business (about 200 customers on five routes, 60 days of deliveries
/// and payments, a few products, a recent activity feed), for demos and first looks (<c>Dashboard:SeedDemoData=true</c>).
/// Rows are inserted directly, in one transaction, not through the services: thousands of commands would publish
/// thousands of events and take minutes. Deterministic (fixed seed) apart from the dates, which follow today.
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<DashboardDbContext> contexts, BusinessClock clock, ILogger<DemoDataSeeder> logger)
{
    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // On SQLite this is BEGIN IMMEDIATE: a second instance starting at the same moment waits, then sees the rows.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Customers.AnyAsync(ct))
        {
            logger.LogInformation("Demo data not seeded: the database already has customers");
            return false;
        }

        var started = Stopwatch.GetTimestamp();
        var business = DemoBusiness.Generate(clock);

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var listed = (await db.Routes.Select(r => r.NormalizedName).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        db.Routes.AddRange(DemoCatalog.Routes.Where(r => !listed.Contains(DeliveryRoutes.RouteEntity.Normalize(r.Name)))
            .Select(r => new DeliveryRoutes.RouteEntity { Name = r.Name, NormalizedName = DeliveryRoutes.RouteEntity.Normalize(r.Name), CreatedAt = clock.UtcNow }));
        db.Customers.AddRange(business.Customers);
        db.DailyEntries.AddRange(business.Entries);
        db.Payments.AddRange(business.Payments);
        db.Products.AddRange(business.Products);
        db.StockLevels.AddRange(business.StockLevels);
        await db.SaveChangesAsync(ct);
        // In order, as the history reads them (see the activity rows below); only additions, so no change detection.
        foreach (var movement in business.StockMovements)
        {
            db.StockMovements.Add(movement);
            await db.SaveChangesAsync(ct);
        }

        db.ChangeTracker.AutoDetectChangesEnabled = true;
        db.Orders.AddRange(business.Orders);
        db.Offers.AddRange(business.Offers);
        db.ChatMessages.AddRange(business.ChatMessages);
        db.ChatConversations.AddRange(business.ChatConversations);
        db.Subscriptions.AddRange(business.Subscriptions);
        db.SubscriptionPauses.AddRange(business.SubscriptionPauses);
        db.SubscriptionChanges.AddRange(business.SubscriptionChanges);
        if (await db.BusinessProfile.FirstOrDefaultAsync(ct) is { } profile)
        {
            (profile.Name, profile.Phone, profile.Address, profile.OpeningHours) = DemoCatalog.Business;
        }

        await db.SaveChangesAsync(ct);
        var admins = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == Roles.Admin select ur.UserId).ToListAsync(ct);
        db.Notifications.AddRange(Notifications.DemoNotifications.For(admins, business.Orders, business.Customers));
        await db.SaveChangesAsync(ct);

        // One at a time: the feed is read in id order, and a batch does not promise to insert in the order added.
        // (Explicit ids would, but would leave a PostgreSQL identity sequence behind.)
        foreach (var row in business.Activity)
        {
            db.Activity.Add(row);
            await db.SaveChangesAsync(ct);
        }

        await tx.CommitAsync(ct);

        logger.LogInformation(
            "Seeded demo data: {Customers} customers, {Entries} delivery entries, {Payments} payments, {Products} products, {Activity} activity rows in {Elapsed} ms",
            business.Customers.Count, business.Entries.Count, business.Payments.Count, business.Products.Count, business.Activity.Count,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return true;
    }
}
