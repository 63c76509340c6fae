using Dashboard.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Activity;

public sealed class ActivityService(DomainWriter writer)
{
    public const int MaxLimit = 500;

    public Task<IReadOnlyList<ActivityLog>> RecentAsync(Actor actor, int limit, CancellationToken ct = default)
    {
        Guard.Staff(actor);
        if (limit is < 1 or > MaxLimit)
        {
            new Validation().Add("limit", $"limit must be between 1 and {MaxLimit}.").ThrowIfInvalid();
        }

        return writer.ReadAsync<IReadOnlyList<ActivityLog>>(async db =>
            (await db.Activity.AsNoTracking().OrderByDescending(a => a.Id).Take(limit).ToListAsync(ct))
                .Select(a => a.ToModel()).ToList(), ct);
    }
}
