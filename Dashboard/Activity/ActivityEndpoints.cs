using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Activity;
using Dashboard.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Activity;

public static class ActivityEndpoints
{
    public static IEndpointRouteBuilder MapActivityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/activity", Search).WithTags("Activity").Requires(Operation.ReadActivity)
            .WithSummary("The activity log, newest first (Admin, Staff). With limit: the latest entries as a list; with page/pageSize: "
                + "a page {items, total, pageNumber, pageSize}. Filters: user (id or name), entityType, action, channel "
                + "(web|api|hub|socket.io|system), from/to (yyyy-MM-dd, business time zone, both included), search (summary), order (newest|oldest).");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<ActivityLog>>, Ok<ActivityResults>>> Search(ActivityService activity, ClaimsPrincipal principal,
        CancellationToken ct, int? limit = null, int? page = null, int? pageSize = null, string? user = null, string? entityType = null,
        string? action = null, string? channel = null, string? from = null, string? to = null, string? search = null, string? order = null)
    {
        var v = new Validation();
        var paged = page is not null || pageSize is not null;
        if (paged && limit is not null)
        {
            v.Add("limit", "Use either limit or page/pageSize, not both.");
        }
        else if (limit is < 1 or > ActivityService.MaxLimit)
        {
            v.Add("limit", $"limit must be between 1 and {ActivityService.MaxLimit}.");
        }

        var parsedChannel = ActivityQueryText.Channel(v, channel);
        var fromDay = ActivityQueryText.Day(v, "from", from);
        var toDay = ActivityQueryText.Day(v, "to", to);
        var oldestFirst = string.Equals(order?.Trim(), "oldest", StringComparison.OrdinalIgnoreCase);
        if (!oldestFirst && !string.IsNullOrWhiteSpace(order) && !string.Equals(order.Trim(), "newest", StringComparison.OrdinalIgnoreCase))
        {
            v.Add("order", "order must be newest or oldest.");
        }

        v.ThrowIfInvalid();

        var query = new ActivityQuery(user, entityType, action, parsedChannel, fromDay, toDay, search,
            page ?? 1, paged ? pageSize ?? 50 : limit ?? 50, oldestFirst);
        var result = await activity.SearchAsync(principal.ToActor(Channel.Api), query, ct);
        return paged ? TypedResults.Ok(result) : TypedResults.Ok(result.Items);
    }
}
