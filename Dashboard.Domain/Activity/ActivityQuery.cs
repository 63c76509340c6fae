using Dashboard.Domain.Common;

namespace Dashboard.Domain.Activity;

/// <summary>
/// What the activity page and <c>GET /api/v1/activity</c> ask for. Every filter is optional; <paramref name="From"/> and
/// <paramref name="To"/> are whole days in the business's time zone, both included.
/// </summary>
/// <param name="User">A user id or a user name, matched exactly.</param>
/// <param name="Search">Free text, found anywhere in the summary (case-insensitive).</param>
/// <param name="OldestFirst">Newest first unless set.</param>
public sealed record ActivityQuery(
    string? User = null,
    string? EntityType = null,
    string? Action = null,
    Channel? Channel = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? Search = null,
    int Page = 1,
    int PageSize = 50,
    bool OldestFirst = false)
{
    public const int MaxPageSize = 500;

    /// <summary>Whether an entry that has just been written belongs in this query's results (the live page's test).</summary>
    public bool Matches(ActivityLog entry, BusinessClock clock)
    {
        var (from, to) = Bounds(clock);
        return (string.IsNullOrWhiteSpace(User) || entry.UserId == User.Trim() || entry.UserName == User.Trim())
            && (string.IsNullOrWhiteSpace(EntityType) || entry.EntityType == EntityType.Trim())
            && (string.IsNullOrWhiteSpace(Action) || entry.Action == Action.Trim())
            && (Channel is null || entry.Channel == Channel)
            && (from is null || entry.At >= from)
            && (to is null || entry.At < to)
            && (string.IsNullOrWhiteSpace(Search) || entry.Summary.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The UTC instants the day range covers: from the start of <see cref="From"/> up to (excluding) the start of the day after <see cref="To"/>.</summary>
    public (DateTime? FromUtc, DateTime? ToUtc) Bounds(BusinessClock clock) =>
        (From is { } from ? StartOfDayUtc(from, clock.Zone) : null, To is { } to ? StartOfDayUtc(to.AddDays(1), clock.Zone) : null);

    // Where a clock change skips midnight, the day starts at the first local time that exists.
    private static DateTime StartOfDayUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}

/// <summary>One page of the feed and how many entries match in all.</summary>
public sealed record ActivityResults(IReadOnlyList<ActivityLog> Items, int Total, int PageNumber, int PageSize);

/// <summary>What the filter dropdowns offer: the users, entity types and actions present in the log.</summary>
public sealed record ActivityFilterOptions(IReadOnlyList<ActivityUser> Users, IReadOnlyList<string> EntityTypes, IReadOnlyList<string> Actions);

public sealed record ActivityUser(string Id, string Name);

/// <summary>The channels' names as the API, the URL and the seeds write them ("web", "api", "hub", "socket.io", "system").</summary>
public static class ChannelNames
{
    public static IReadOnlyList<Channel> All { get; } = Enum.GetValues<Channel>();

    public static string Of(Channel channel) => channel switch
    {
        Channel.Web => "web",
        Channel.Api => "api",
        Channel.Hub => "hub",
        Channel.SocketIo => "socket.io",
        _ => "system",
    };

    public static bool TryParse(string? name, out Channel channel)
    {
        foreach (var c in All)
        {
            if (string.Equals(Of(c), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                channel = c;
                return true;
            }
        }

        channel = default;
        return false;
    }
}

/// <summary>The query's values as an address or a query string writes them; what does not parse becomes a field error.</summary>
public static class ActivityQueryText
{
    public static Channel? Channel(Validation v, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (ChannelNames.TryParse(text, out var channel))
        {
            return channel;
        }

        v.Add("channel", $"channel must be one of {string.Join(", ", ChannelNames.All.Select(ChannelNames.Of))}.");
        return null;
    }

    public static DateOnly? Day(Validation v, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var day))
        {
            v.ReadableDay(field, day);
            return day;
        }

        v.Add(field, $"{field} must be a date written yyyy-MM-dd.");
        return null;
    }
}
