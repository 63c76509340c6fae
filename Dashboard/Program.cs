using Dashboard.Activity;
using Dashboard.Agents;
using Dashboard.Analytics;
using Dashboard.Auth;
using Dashboard.Bills;
using Dashboard.Business;
using Dashboard.Components;
using Dashboard.Customers;
using Dashboard.Deliveries;
using Dashboard.DeliveryRoutes;
using Dashboard.Infrastructure;
using Dashboard.Collaboration;
using Dashboard.Notifications;
using Dashboard.Subscriptions;
using Dashboard.SupportChat;
using Dashboard.Offers;
using Dashboard.Orders;
using Dashboard.Payments;
using Dashboard.Products;
using Dashboard.Realtime;
using Dashboard.Realtime.SocketIO.Conformance;
using Dashboard.Stats;
using Dashboard.Stock;
using Dashboard.Users;

if (ConformanceHost.IsRequested(args))
{
    await ConformanceHost.RunAsync(args);
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddDashboardCore();
builder.AddDashboardAuth();
builder.AddDashboardSignIn();
builder.AddDashboardRealtime();
builder.Services
    .AddRealtimeFeature<CustomerRealtime>()
    .AddRealtimeFeature<ProductRealtime>()
    .AddRealtimeFeature<BusinessRealtime>()
    .AddRealtimeFeature<OfferRealtime>()
    .AddRealtimeFeature<OrderRealtime>()
    .AddRealtimeFeature<StockRealtime>()
    .AddRealtimeFeature<AgentRealtime>()
    .AddRealtimeFeature<DeliveryRealtime>()
    .AddRealtimeFeature<PaymentRealtime>()
    .AddRealtimeFeature<StatsRealtime>()
    .AddRealtimeFeature<ActivityRealtime>()
    .AddRealtimeFeature<NotificationRealtime>()
    .AddRealtimeFeature<ChatRealtime>()
    .AddRealtimeFeature<SubscriptionRealtime>()
    .AddRealtimeFeature<RouteRealtime>()
    .AddLiveUsers();
builder.Services.AddSingleton<ChatTyping>();
builder.Services.Configure<Dashboard.Domain.Bills.BillingOptions>(builder.Configuration.GetSection(Dashboard.Domain.Bills.BillingOptions.Section));
builder.Services.Configure<Dashboard.Domain.Payments.PaymentOptions>(builder.Configuration.GetSection(Dashboard.Domain.Payments.PaymentOptions.Section));
builder.Services.AddEditingIndicators(builder.Configuration);
builder.Services.Configure<Dashboard.Domain.Events.EventLogOptions>(AgentRealtime.Configure);
builder.AddDashboardUi();

var app = builder.Build();
await app.InitializeDashboardAsync();

app.UseDashboardHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseCors();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapBlazorWebScript();
app.MapOpenApi();
app.MapHealthChecks("/health").AllowAnonymous();
app.MapAuthEndpoints();
app.MapCustomerEndpoints();
app.MapProductEndpoints();
app.MapRouteEndpoints();
app.MapBusinessEndpoints();
app.MapOfferEndpoints();
app.MapOrderEndpoints();
app.MapStockEndpoints();
app.MapAgentEndpoints();
app.MapDeliveryEndpoints();
app.MapPaymentEndpoints();
app.MapStatsEndpoints();
app.MapActivityEndpoints();
app.MapAnalyticsEndpoints();
app.MapUserEndpoints();
app.MapNotificationEndpoints();
app.MapChatEndpoints();
app.MapSubscriptionEndpoints();
app.MapBillEndpoints();
app.MapDashboardRealtime();
// Its frame-ancestors-only policy would go out beside ours (SecurityHeaders), which already says frame-ancestors 'self'.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

await app.RunAsync();
