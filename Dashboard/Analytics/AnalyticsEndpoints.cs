using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Analytics;
using Dashboard.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Analytics;

public static class AnalyticsEndpoints
{
    private const string Csv = "text/csv; charset=utf-8";

    public static IEndpointRouteBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        // A browser's download link sends the sign-in cookie, a script its bearer token: both are accepted.
        var api = app.MapGroup("/api/v1/analytics").WithTags("Analytics").Requires(Operation.ReadAnalytics);
        api.MapGet("/", Report).WithSummary("The analytics page's figures for the last 30 or 90 days (Admin, Staff).");
        api.MapGet("/daily.csv", DailyCsv).WithSummary("Liters, sales and collection per day, days=30|90.");
        api.MapGet("/methods.csv", MethodsCsv).WithSummary("Collection per payment method over the window, days=30|90.");
        api.MapGet("/aging.csv", AgingCsv).WithSummary("Today's dues by age (FIFO: payments settle the oldest deliveries first).");
        api.MapGet("/top-dues.csv", TopDuesCsv).WithSummary("The customers who owe the most, with their oldest unpaid delivery.");
        return app;
    }

    public static async Task<Ok<AnalyticsReport>> Report(AnalyticsService analytics, ClaimsPrincipal user, CancellationToken ct, int days = 30) =>
        TypedResults.Ok(await analytics.GetAsync(user.ToActor(Channel.Api), days, ct));

    public static async Task<FileContentHttpResult> DailyCsv(AnalyticsService analytics, ClaimsPrincipal user, CancellationToken ct, int days = 30) =>
        TypedResults.File(AnalyticsCsv.Daily(await analytics.DailyAsync(user.ToActor(Channel.Api), days, ct)), Csv, $"analytics-daily-{days}d.csv");

    public static async Task<FileContentHttpResult> MethodsCsv(AnalyticsService analytics, ClaimsPrincipal user, CancellationToken ct, int days = 30) =>
        TypedResults.File(AnalyticsCsv.Methods(await analytics.MethodsAsync(user.ToActor(Channel.Api), days, ct)), Csv, $"analytics-methods-{days}d.csv");

    public static async Task<FileContentHttpResult> AgingCsv(AnalyticsService analytics, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.File(AnalyticsCsv.Aging(await analytics.DuesAsync(user.ToActor(Channel.Api), ct)), Csv, "analytics-aging.csv");

    public static async Task<FileContentHttpResult> TopDuesCsv(AnalyticsService analytics, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.File(AnalyticsCsv.TopDues(await analytics.DuesAsync(user.ToActor(Channel.Api), ct)), Csv, "analytics-top-dues.csv");
}
