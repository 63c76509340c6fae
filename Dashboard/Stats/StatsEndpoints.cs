using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Common;
using Dashboard.Domain.Stats;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Stats;

public static class StatsEndpoints
{
    public static IEndpointRouteBuilder MapStatsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/stats", Get).WithTags("Stats").Requires(Operation.ReadStats)
            .WithSummary("The day's figures (default: today in the business's time zone).");
        return app;
    }

    public static async Task<Ok<ReportStats>> Get(StatsService stats, ClaimsPrincipal user, CancellationToken ct, DateOnly? date = null) =>
        TypedResults.Ok(await stats.GetAsync(user.ToActor(Channel.Api), date, ct));
}
