using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Activity;
using Dashboard.Domain.Common;
using Dashboard.Domain.Stats;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Stats;

public static class StatsEndpoints
{
    public static IEndpointRouteBuilder MapStatsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/stats", Get).WithTags("Stats").RequireAuthorization()
            .WithSummary("The day's figures (default: today in the business's time zone).");
        app.MapGet("/api/v1/activity", Activity).WithTags("Activity").RequireAuthorization()
            .WithSummary("The latest activity entries, newest first.");
        return app;
    }

    public static async Task<Ok<ReportStats>> Get(StatsService stats, ClaimsPrincipal user, CancellationToken ct, DateOnly? date = null) =>
        TypedResults.Ok(await stats.GetAsync(user.ToActor(Channel.Api), date, ct));

    public static async Task<Ok<IReadOnlyList<ActivityLog>>> Activity(ActivityService activity, ClaimsPrincipal user, CancellationToken ct,
        int limit = 50) =>
        TypedResults.Ok(await activity.RecentAsync(user.ToActor(Channel.Api), limit, ct));
}
