using Dashboard.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Activity;

public sealed class ActivityService(DomainWriter writer, BusinessClock clock)
{
    public const int MaxLimit = 500;

    public Task<IReadOnlyList<ActivityLog>> RecentAsync(Actor actor, int limit, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadActivity);
        if (limit is < 1 or > MaxLimit)
        {
            new Validation().Add("limit", $"limit must be between 1 and {MaxLimit}.").ThrowIfInvalid();
        }

        return writer.ReadAsync<IReadOnlyList<ActivityLog>>(async db =>
            (await db.Activity.AsNoTracking().OrderByDescending(a => a.Id).Take(limit).ToListAsync(ct))
                .Select(a => a.ToModel()).ToList(), ct);
    }

    /// <summary>The feed filtered and a page at a time, by time (newest first unless asked otherwise), with the total that matches.</summary>
    public Task<ActivityResults> SearchAsync(Actor actor, ActivityQuery query, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadActivity);
        Validate(query);
        return writer.ReadAsync(async db =>
        {
            var rows = Filter(db.Activity.AsNoTracking(), query);
            var total = await rows.CountAsync(ct);
            // The id breaks ties between entries of one write (same instant), so paging is stable.
            var ordered = query.OldestFirst
                ? rows.OrderBy(a => a.At).ThenBy(a => a.Id)
                : rows.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);
            var items = await ordered.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
            return new ActivityResults(items.Select(a => a.ToModel()).ToList(), total, query.Page, query.PageSize);
        }, ct);
    }

    /// <summary>The users, entity types and actions that occur in the log, for the filter dropdowns.</summary>
    public Task<ActivityFilterOptions> FilterOptionsAsync(Actor actor, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadActivity);
        return writer.ReadAsync(async db =>
        {
            var users = await db.Activity.AsNoTracking().Select(a => new { a.UserId, a.UserName }).Distinct().ToListAsync(ct);
            var entities = await db.Activity.AsNoTracking().Select(a => a.EntityType).Distinct().ToListAsync(ct);
            var actions = await db.Activity.AsNoTracking().Select(a => a.Action).Distinct().ToListAsync(ct);
            // A user renamed since keeps one entry: the name sorting last is as good as any.
            return new ActivityFilterOptions(
                users.GroupBy(u => u.UserId).Select(g => new ActivityUser(g.Key, g.Max(u => u.UserName)!))
                    .OrderBy(u => u.Name, StringComparer.CurrentCultureIgnoreCase).ToList(),
                entities.Order(StringComparer.Ordinal).ToList(),
                actions.Order(StringComparer.Ordinal).ToList());
        }, ct);
    }

    private static void Validate(ActivityQuery query)
    {
        var v = new Validation();
        if (query.Page < 1)
        {
            v.Add("page", "page must be 1 or more.");
        }

        if (query.PageSize is < 1 or > ActivityQuery.MaxPageSize)
        {
            v.Add("pageSize", $"pageSize must be between 1 and {ActivityQuery.MaxPageSize}.");
        }

        v.ReadableDays(query.From, query.To);

        v.Text("search", query.Search, 200, required: false);
        v.Text("user", query.User, 450, required: false);
        v.Text("entityType", query.EntityType, 64, required: false);
        v.Text("action", query.Action, 64, required: false);
        v.ThrowIfInvalid();
    }

    private IQueryable<ActivityEntity> Filter(IQueryable<ActivityEntity> q, ActivityQuery query)
    {
        if (query.User?.Trim() is { Length: > 0 } user)
        {
            q = q.Where(a => a.UserId == user || a.UserName == user);
        }

        if (query.EntityType?.Trim() is { Length: > 0 } entity)
        {
            q = q.Where(a => a.EntityType == entity);
        }

        if (query.Action?.Trim() is { Length: > 0 } action)
        {
            q = q.Where(a => a.Action == action);
        }

        if (query.Channel is { } channel)
        {
            q = q.Where(a => a.Channel == channel);
        }

        var (from, to) = query.Bounds(clock);
        if (from is { } start)
        {
            q = q.Where(a => a.At >= start);
        }

        if (to is { } end)
        {
            q = q.Where(a => a.At < end);
        }

        if (query.Search?.Trim() is { Length: > 0 } search)
        {
            var pattern = "%" + search.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            q = q.Where(a => EF.Functions.Like(a.Summary, pattern, "\\"));
        }

        return q;
    }
}
