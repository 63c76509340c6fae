using Dashboard.Domain.Activity;
using Dashboard.Domain.Agents;
using Dashboard.Domain.Analytics;
using Dashboard.Domain.Bills;
using Dashboard.Domain.Business;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Events;
using Dashboard.Domain.Offers;
using Dashboard.Domain.Notifications;
using Dashboard.Domain.Orders;
using Dashboard.Domain.Payments;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Products;
using Dashboard.Domain.Stats;
using Dashboard.Domain.Stock;
using Dashboard.Domain.Subscriptions;
using Dashboard.Domain.SupportChat;
using Dashboard.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Domain;

public static class DomainServiceCollectionExtensions
{
    /// <summary>The domain over a SQLite file: services, event aggregator, live stats and the EF Core context.</summary>
    public static IServiceCollection AddDashboardDomain(this IServiceCollection services, string sqliteConnectionString, TimeZoneInfo zone,
        int writableDaysBack = BusinessClock.DefaultDaysBack, string phoneCountryCode = "91", QuantityRules? quantities = null, Wording? words = null)
    {
        var clock = new BusinessClock(TimeProvider.System, zone, writableDaysBack); // fails at start on a bad setting
        services.AddDbContextFactory<DashboardDbContext>(o => o.UseSqlite(sqliteConnectionString)
            // Migrations are hand-written without a model snapshot; SchemaTests prove they match the model instead.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new BusinessClock(sp.GetRequiredService<TimeProvider>(), zone, clock.DaysBack));
        services.AddSingleton<IEventAggregator, EventAggregator>();
        services.AddOptions<EventLogOptions>();
        services.TryAddSingleton<IEventDescriber, InternalEventDescriber>();
        services.AddSingleton<DomainWriter>();
        services.AddSingleton<EventLogReader>();
        services.AddSingleton<EventLogRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<EventLogRetention>());
        services.AddSingleton(new PhoneNumbers(phoneCountryCode)); // fails at start on a bad setting
        services.AddSingleton(quantities ?? new QuantityRules());
        services.AddSingleton(words ?? Wording.Default);
        services.AddSingleton<CustomerService>();
        services.AddSingleton<DeliveryRoutes.RouteService>();
        services.AddSingleton<DeliveryService>();
        services.AddSingleton<PaymentService>();
        services.AddSingleton<OrderService>();
        services.AddSingleton<AgentService>();
        services.AddSingleton<ProductService>();
        services.AddSingleton<BusinessService>();
        services.AddSingleton<OfferService>();
        services.AddSingleton<StockService>();
        services.AddSingleton<IWriteReaction, StockReaction>();
        services.AddSingleton<NotificationService>();
        services.AddSingleton<IWriteReaction, NotificationReaction>();
        services.AddOptions<NotificationOptions>()
            .Validate(o => o.RetentionDays >= 1, $"{NotificationOptions.Section}:RetentionDays must be 1 or more.").ValidateOnStart();
        services.AddSingleton<NotificationRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationRetention>());
        services.AddSingleton<ChatService>();
        services.AddSingleton<SubscriptionService>();
        services.AddOptions<BillingOptions>();
        services.AddOptions<PaymentOptions>()
            .Validate(o => o.ConfirmDaysBack >= 0, $"{PaymentOptions.Section}:ConfirmDaysBack must be 0 or more.").ValidateOnStart();
        services.AddSingleton<BillService>();
        services.AddSingleton<SubscriptionRollover>();
        services.AddHostedService(sp => sp.GetRequiredService<SubscriptionRollover>());
        services.AddSingleton<StatsService>();
        services.AddSingleton<AnalyticsService>();
        services.AddSingleton<ActivityService>();
        services.AddSingleton<LiveStats>();
        services.AddScoped<UserService>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<DemoDataSeeder>();
        return services;
    }
}
