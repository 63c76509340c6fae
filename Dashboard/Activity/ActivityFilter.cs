using Dashboard.Domain.Activity;
using Dashboard.Domain.Common;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Activity;

/// <summary>
/// The activity page's filters as they stand in its address (<c>/activity?channel=api&amp;entity=payment</c>), so a view
/// can be bookmarked, shared and restored by a reload. Unknown or malformed values are kept as written: the domain
/// says what is wrong with them.
/// </summary>
public sealed record ActivityFilter(string? User = null, string? Entity = null, string? Action = null, string? Channel = null,
    string? From = null, string? To = null, string? Search = null)
{
    public static ActivityFilter FromUri(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        string? Get(string name) => query.TryGetValue(name, out var v) && v.ToString() is { Length: > 0 } s ? s : null;
        return new ActivityFilter(Get("user"), Get("entity"), Get("action"), Get("channel"), Get("from"), Get("to"), Get("q"));
    }

    public bool IsEmpty => this == new ActivityFilter();

    /// <summary>The page's address for these filters (empty ones left out).</summary>
    public string ToPath()
    {
        var pairs = new (string Name, string? Value)[]
        {
            ("user", User), ("entity", Entity), ("action", Action), ("channel", Channel), ("from", From), ("to", To), ("q", Search),
        };
        var query = string.Join("&", pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? "/activity" : "/activity?" + query;
    }

    /// <summary>The domain's query; a value that does not parse becomes a field error, as the API gives it.</summary>
    public ActivityQuery ToQuery(int page, int pageSize, bool oldestFirst)
    {
        var v = new Validation();
        var channel = ActivityQueryText.Channel(v, Channel);
        var from = ActivityQueryText.Day(v, "from", From);
        var to = ActivityQueryText.Day(v, "to", To);
        v.ThrowIfInvalid();
        return new ActivityQuery(User, Entity, Action, channel, from, to, Search, page, pageSize, oldestFirst);
    }
}
