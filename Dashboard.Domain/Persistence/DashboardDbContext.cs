using Dashboard.Domain.Activity;
using Dashboard.Domain.Agents;
using Dashboard.Domain.Bills;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Subscriptions;
using Dashboard.Domain.SupportChat;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Events;
using Dashboard.Domain.Business;
using Dashboard.Domain.Offers;
using Dashboard.Domain.Notifications;
using Dashboard.Domain.Orders;
using Dashboard.Domain.Payments;
using Dashboard.Domain.Products;
using Dashboard.Domain.Stock;
using Dashboard.Domain.Users;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Persistence;

public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<CustomerEntity> Customers => Set<CustomerEntity>();

    public DbSet<DailyEntryEntity> DailyEntries => Set<DailyEntryEntity>();

    public DbSet<PaymentEntity> Payments => Set<PaymentEntity>();

    public DbSet<ActivityEntity> Activity => Set<ActivityEntity>();

    public DbSet<AppSecret> Secrets => Set<AppSecret>();

    public DbSet<EventLogEntry> EventLog => Set<EventLogEntry>();

    public DbSet<RealtimeSessionEntity> RealtimeSessions => Set<RealtimeSessionEntity>();

    public DbSet<SignInAttemptEntity> SignInAttempts => Set<SignInAttemptEntity>();

    public DbSet<AgentRouteEntity> AgentRoutes => Set<AgentRouteEntity>();

    public DbSet<OrderEntity> Orders => Set<OrderEntity>();

    public DbSet<AgentStateEntity> AgentStates => Set<AgentStateEntity>();

    public DbSet<OrderTrackPointEntity> OrderTrackPoints => Set<OrderTrackPointEntity>();

    public DbSet<ProductEntity> Products => Set<ProductEntity>();

    public DbSet<DeliveryRoutes.RouteEntity> Routes => Set<DeliveryRoutes.RouteEntity>();

    public DbSet<BusinessProfileEntity> BusinessProfile => Set<BusinessProfileEntity>();

    public DbSet<OfferEntity> Offers => Set<OfferEntity>();

    public DbSet<ChatMessageEntity> ChatMessages => Set<ChatMessageEntity>();

    public DbSet<ChatConversationEntity> ChatConversations => Set<ChatConversationEntity>();

    public DbSet<StockLevelEntity> StockLevels => Set<StockLevelEntity>();

    public DbSet<StockMovementEntity> StockMovements => Set<StockMovementEntity>();

    public DbSet<NotificationEntity> Notifications => Set<NotificationEntity>();

    public DbSet<SubscriptionEntity> Subscriptions => Set<SubscriptionEntity>();

    public DbSet<BillEntity> Bills => Set<BillEntity>();

    public DbSet<SubscriptionChangeEntity> SubscriptionChanges => Set<SubscriptionChangeEntity>();

    public DbSet<SubscriptionPauseEntity> SubscriptionPauses => Set<SubscriptionPauseEntity>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        MoneySql.Register(builder);

        builder.Entity<AppUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(100);
            u.HasOne<CustomerEntity>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ChatMessageEntity>(m =>
        {
            m.ToTable("ChatMessages");
            m.Property(x => x.FromUserId).HasMaxLength(450);
            m.Property(x => x.FromName).HasMaxLength(256);
            m.Property(x => x.FromRole).HasMaxLength(16);
            m.Property(x => x.Text).HasMaxLength(ChatService.MaxLength);
            m.HasOne<CustomerEntity>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
            m.HasIndex(x => new { x.CustomerId, x.At });
        });

        builder.Entity<ChatConversationEntity>(c =>
        {
            c.ToTable("ChatConversations");
            c.HasKey(x => x.CustomerId);
            c.HasOne<CustomerEntity>().WithOne().HasForeignKey<ChatConversationEntity>(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
            c.HasIndex(x => x.LastMessageAt);
        });

        builder.Entity<BillEntity>(b =>
        {
            b.ToTable("Bills");
            b.Property(x => x.OpeningBalance).HasPrecision(12, 2);
            b.Property(x => x.Billed).HasPrecision(12, 2);
            b.Property(x => x.Paid).HasPrecision(12, 2);
            b.Property(x => x.ClosingBalance).HasPrecision(12, 2);
            b.Property(x => x.Liters).HasPrecision(12, 3);
            b.Property(x => x.IssuedBy).HasMaxLength(256);
            b.HasOne<CustomerEntity>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(x => x.Number).IsUnique();
            b.HasIndex(x => new { x.CustomerId, x.Year, x.Month }).IsUnique();
            b.HasIndex(x => new { x.Year, x.Month });
        });

        builder.Entity<SubscriptionEntity>(s =>
        {
            s.ToTable("Subscriptions");
            s.HasKey(x => x.CustomerId);
            s.Property(x => x.Pattern).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.Shift).HasConversion<string>().HasMaxLength(16);
            s.HasOne<CustomerEntity>().WithOne().HasForeignKey<SubscriptionEntity>(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SubscriptionChangeEntity>(c =>
        {
            c.ToTable("SubscriptionChanges");
            c.Property(x => x.Quantity).HasPrecision(8, 3);
            c.Property(x => x.PricePerLiter).HasPrecision(10, 2);
            c.Property(x => x.By).HasMaxLength(256);
            c.HasOne<CustomerEntity>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
            c.HasIndex(x => new { x.CustomerId, x.From });
            c.HasIndex(x => new { x.Applied, x.From });
        });

        builder.Entity<SubscriptionPauseEntity>(p =>
        {
            p.ToTable("SubscriptionPauses");
            p.Property(x => x.Reason).HasMaxLength(SubscriptionService.MaxReasonLength);
            p.Property(x => x.By).HasMaxLength(256);
            p.HasOne<CustomerEntity>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
            p.HasIndex(x => new { x.CustomerId, x.To });
            p.HasIndex(x => new { x.From, x.To });
        });

        builder.Entity<CustomerEntity>(c =>
        {
            c.ToTable("Customers");
            c.Property(x => x.Name).HasMaxLength(100);
            c.Property(x => x.Phone).HasMaxLength(20);
            c.Property(x => x.PhoneDigits).HasMaxLength(15);
            c.Property(x => x.Address).HasMaxLength(200);
            c.Property(x => x.Route).HasMaxLength(50);
            c.Property(x => x.Note).HasMaxLength(CustomerService.MaxNoteLength);
            c.Property(x => x.DefaultQuantity).HasPrecision(8, 3);
            c.Property(x => x.PricePerLiter).HasPrecision(10, 2);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.HasIndex(x => x.Name);
            c.HasIndex(x => x.Route);
            c.HasIndex(x => x.PhoneDigits);
        });

        builder.Entity<DailyEntryEntity>(d =>
        {
            d.ToTable("DailyEntries");
            d.Property(x => x.Quantity).HasPrecision(8, 3);
            d.Property(x => x.PricePerLiter).HasPrecision(10, 2);
            d.Property(x => x.Amount).HasPrecision(12, 2);
            d.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            d.Property(x => x.UpdatedBy).HasMaxLength(256);
            d.Property(x => x.Version).IsConcurrencyToken();
            d.HasOne(x => x.Customer).WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
            d.HasIndex(x => new { x.CustomerId, x.Date }).IsUnique();
            d.HasIndex(x => x.Date);
            // Covers a customer's billed sum (Billing.Charges): read from the index alone, without a row lookup per entry.
            d.HasIndex(x => new { x.CustomerId, x.Status, x.Amount });
        });

        builder.Entity<PaymentEntity>(p =>
        {
            p.ToTable("Payments");
            p.Property(x => x.Amount).HasPrecision(12, 2);
            p.Property(x => x.Method).HasConversion<string>().HasMaxLength(16);
            p.Property(x => x.Note).HasMaxLength(500);
            p.Property(x => x.RecordedBy).HasMaxLength(256);
            p.HasOne(x => x.Customer).WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
            p.HasOne<OrderEntity>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Restrict);
            // Covers a customer's paid sum, which every write's balance reads.
            p.HasIndex(x => new { x.CustomerId, x.Amount });
            p.HasIndex(x => x.PaymentDate);
            p.HasIndex(x => x.OrderId);
        });

        builder.Entity<ActivityEntity>(a =>
        {
            a.ToTable("ActivityLog");
            a.Property(x => x.UserId).HasMaxLength(450);
            a.Property(x => x.UserName).HasMaxLength(256);
            a.Property(x => x.Action).HasMaxLength(64);
            a.Property(x => x.EntityType).HasMaxLength(64);
            a.Property(x => x.EntityId).HasMaxLength(64);
            a.Property(x => x.Summary).HasMaxLength(500);
            a.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
            a.HasIndex(x => x.At);
            a.HasIndex(x => x.CustomerId);
        });

        builder.Entity<EventLogEntry>(e =>
        {
            e.ToTable("EventLog");
            e.HasKey(x => x.Position);
            // Positions are assigned by the writer, gapless; never by the database.
            e.Property(x => x.Position).ValueGeneratedNever();
            e.Property(x => x.Name).HasMaxLength(64);
            e.HasIndex(x => x.At);
        });

        builder.Entity<RealtimeSessionEntity>(r =>
        {
            r.ToTable("RealtimeSessions");
            r.Property(x => x.Id).HasMaxLength(64);
            r.Property(x => x.Namespace).HasMaxLength(64);
            r.Property(x => x.UserId).HasMaxLength(450);
            r.Property(x => x.ConnectionId).HasMaxLength(64);
            r.HasIndex(x => x.LastSeenAt);
        });

        builder.Entity<SignInAttemptEntity>(a =>
        {
            a.ToTable("SignInAttempts");
            a.HasKey(x => new { x.Account, x.Address });
            a.Property(x => x.Account).HasMaxLength(64);
            a.Property(x => x.Address).HasMaxLength(64);
            a.HasIndex(x => x.ExpiresAt);
        });

        builder.Entity<AgentRouteEntity>(r =>
        {
            r.ToTable("AgentRoutes");
            r.HasKey(x => new { x.UserId, x.Route });
            r.Property(x => x.UserId).HasMaxLength(450);
            r.Property(x => x.Route).HasMaxLength(50);
            r.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DeliveryRoutes.RouteEntity>(r =>
        {
            r.ToTable("Routes");
            r.Property(x => x.Name).HasMaxLength(DeliveryRoutes.RouteNames.MaxLength);
            r.Property(x => x.NormalizedName).HasMaxLength(DeliveryRoutes.RouteNames.MaxLength);
            r.HasIndex(x => x.NormalizedName).IsUnique();
        });

        builder.Entity<ProductEntity>(p =>
        {
            p.ToTable("Products");
            p.Property(x => x.Name).HasMaxLength(100);
            p.Property(x => x.NormalizedName).HasMaxLength(100);
            p.Property(x => x.Unit).HasMaxLength(16);
            p.Property(x => x.Price).HasPrecision(10, 2);
            p.Property(x => x.Version).IsConcurrencyToken();
            p.Property(x => x.MinStock).HasPrecision(12, 3);
            // The column was added to a table with rows (schema version 10), which needs a default.
            p.Property(x => x.IsDailyMilk).HasDefaultValue(false);
            p.HasIndex(x => x.NormalizedName).IsUnique();
            // At most one product is the daily milk, on every instance.
            p.HasIndex(x => x.IsDailyMilk).IsUnique().HasFilter("\"IsDailyMilk\" = 1");
        });

        builder.Entity<StockLevelEntity>(l =>
        {
            l.ToTable("StockLevels");
            l.HasKey(x => x.ProductId);
            l.Property(x => x.Quantity).HasPrecision(12, 3);
            l.Property(x => x.Severity).HasConversion<string>().HasMaxLength(16);
            l.HasOne<ProductEntity>().WithOne().HasForeignKey<StockLevelEntity>(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<StockMovementEntity>(m =>
        {
            m.ToTable("StockMovements");
            m.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            m.Property(x => x.Quantity).HasPrecision(12, 3);
            m.Property(x => x.Balance).HasPrecision(12, 3);
            m.Property(x => x.Supplier).HasMaxLength(100);
            m.Property(x => x.Cost).HasPrecision(14, 2);
            m.Property(x => x.Note).HasMaxLength(200);
            m.Property(x => x.By).HasMaxLength(256);
            m.HasOne<ProductEntity>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
            m.HasIndex(x => new { x.ProductId, x.Id });
        });

        builder.Entity<BusinessProfileEntity>(b =>
        {
            b.ToTable("BusinessProfile");
            b.Property(x => x.Id).ValueGeneratedNever();
            b.Property(x => x.Name).HasMaxLength(100);
            b.Property(x => x.Phone).HasMaxLength(20);
            b.Property(x => x.Address).HasMaxLength(300);
            b.Property(x => x.OpeningHours).HasMaxLength(200);
            b.Property(x => x.StatusMessage).HasMaxLength(200);
            b.Property(x => x.StatusChangedBy).HasMaxLength(256);
            b.Property(x => x.Version).IsConcurrencyToken();
        });

        builder.Entity<OfferEntity>(o =>
        {
            o.ToTable("Offers");
            o.Property(x => x.Code).HasMaxLength(20);
            o.Property(x => x.Description).HasMaxLength(200);
            o.Property(x => x.DiscountType).HasConversion<string>().HasMaxLength(16);
            o.Property(x => x.DiscountValue).HasPrecision(12, 2);
            o.Property(x => x.MinOrder).HasPrecision(12, 2);
            o.Property(x => x.Version).IsConcurrencyToken();
            o.HasIndex(x => x.Code).IsUnique();
        });

        builder.Entity<OrderEntity>(o =>
        {
            o.ToTable("Orders");
            o.Property(x => x.Status).HasConversion<string>().HasMaxLength(24);
            o.Property(x => x.Total).HasPrecision(12, 2);
            o.Property(x => x.Paid).HasPrecision(12, 2).HasDefaultValue(0m);
            o.Property(x => x.Discount).HasPrecision(12, 2).HasDefaultValue(0m);
            o.Property(x => x.OfferCode).HasMaxLength(20); // as the migration that added it to existing orders
            o.Property(x => x.Note).HasMaxLength(500);
            o.Property(x => x.AgentId).HasMaxLength(450);
            o.Property(x => x.CancelReason).HasMaxLength(200);
            o.Property(x => x.Version).IsConcurrencyToken();
            o.HasOne(x => x.Customer).WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
            o.HasOne<AppUser>().WithMany().HasForeignKey(x => x.AgentId).OnDelete(DeleteBehavior.Restrict);
            o.HasIndex(x => x.Number).IsUnique();
            o.HasIndex(x => new { x.DeliveryDate, x.Status });
            o.HasIndex(x => new { x.CustomerId, x.Status, x.Total });
            o.HasIndex(x => x.AgentId);
            o.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
            o.HasMany(x => x.Steps).WithOne().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OrderItemEntity>(i =>
        {
            i.ToTable("OrderItems");
            i.Property(x => x.ProductName).HasMaxLength(100);
            i.Property(x => x.Unit).HasMaxLength(16);
            i.Property(x => x.Quantity).HasPrecision(8, 3);
            i.Property(x => x.UnitPrice).HasPrecision(10, 2);
            i.Property(x => x.Amount).HasPrecision(12, 2);
            i.HasOne<ProductEntity>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<OrderStepEntity>(s =>
        {
            s.ToTable("OrderSteps");
            s.Property(x => x.Status).HasConversion<string>().HasMaxLength(24);
            s.Property(x => x.ByUserId).HasMaxLength(450);
            s.Property(x => x.ByName).HasMaxLength(256);
            s.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.Note).HasMaxLength(200);
        });

        builder.Entity<AgentStateEntity>(a =>
        {
            a.ToTable("AgentStates");
            a.HasKey(x => x.UserId);
            a.Property(x => x.UserId).HasMaxLength(450);
            a.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            a.HasOne<AppUser>().WithOne().HasForeignKey<AgentStateEntity>(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OrderTrackPointEntity>(p =>
        {
            p.ToTable("OrderTrackPoints");
            p.Property(x => x.AgentId).HasMaxLength(450);
            p.HasOne<OrderEntity>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
            p.HasIndex(x => x.OrderId);
        });

        builder.Entity<NotificationEntity>(n =>
        {
            n.ToTable("Notifications");
            n.Property(x => x.UserId).HasMaxLength(450);
            n.Property(x => x.Title).HasMaxLength(NotificationLimits.Title);
            n.Property(x => x.Message).HasMaxLength(NotificationLimits.Message);
            n.Property(x => x.Type).HasConversion<string>().HasMaxLength(16);
            n.Property(x => x.Link).HasMaxLength(NotificationLimits.Link);
            n.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            // A user's newest first (the bell, the list, the unread count); the retention's cutoff.
            n.HasIndex(x => new { x.UserId, x.CreatedAt });
            n.HasIndex(x => x.CreatedAt);
        });

        builder.Entity<AppSecret>(s =>
        {
            s.ToTable("AppSecrets");
            s.HasKey(x => x.Name);
            s.Property(x => x.Name).HasMaxLength(64);
        });
    }
}
