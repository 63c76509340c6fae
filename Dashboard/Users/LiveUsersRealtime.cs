using System.Text.RegularExpressions;
using Dashboard.Domain.Common;
using Dashboard.Realtime;

namespace Dashboard.Users;

/// <summary><c>page:navigate</c> {path}: the page or screen the app is on now.</summary>
public sealed record NavigateCommand(string? Path);

/// <summary>One entry of seed 004's <c>live-users-update</c>: one open connection (a browser tab or an app's).</summary>
/// <param name="Page">The tab's path, or the page or screen the app last navigated to (null until it says).</param>
public sealed record LiveUser(LiveUserIdentity User, string Role, LiveUserClient Client, string? Page, DateTime Since, DateTime LastSeen)
{
    public static LiveUser Of(RealtimeConnection c) => new(new LiveUserIdentity(c.UserId, c.UserName), c.Role.ToLowerInvariant(),
        c.IsBrowser ? new LiveUserClient("browser", null) : new LiveUserClient("app", c.Transport), c.Page, c.ConnectedAt, c.LastSeen);
}

public sealed record LiveUserIdentity(string Id, string Name);

/// <param name="Kind"><c>browser</c> or <c>app</c>.</param>
/// <param name="Transport">An app's transport: <c>signalr</c> or <c>socket.io</c>.</param>
public sealed record LiveUserClient(string Kind, string? Transport);

/// <summary>
/// Seed 004's live user tracking: apps say where they are (<c>page:navigate</c>); staff who joined <c>admin-dashboard</c>
/// receive everyone online, browser tabs and apps alike, as <c>live-users-update</c> (<see cref="LiveUsersFeed"/>). Live-only: never logged, never recovered.
/// </summary>
public sealed partial class LiveUsersRealtime : IRealtimeFeature
{
    public const string Navigate = "page:navigate";
    public const string Update = "live-users-update";
    public const int MaxPathLength = 200;

    /// <summary>
    /// Who receives <c>live-users-update</c>: the connections in seed 004's <c>admin-dashboard</c> room, which only staff
    /// (the roles the rules table lets read live users) may join. Not every staff connection: the list has an entry per
    /// connection, so with 10 000 apps online it is ~2 MB, four times a second during churn — to every staff app it
    /// was sent whether it showed it or not (docs/benchmarks.md, 2026-12-04).
    /// </summary>
    public static IReadOnlyList<string> Audience { get; } = [Rooms.AdminDashboard];

    public void Declare(RealtimeCatalogBuilder catalog)
    {
        catalog.Command<NavigateCommand>(Navigate, null, (call, c) =>
        {
            var path = PathOf(c.Path);
            call.Get<ConnectionRegistry>().SetPage(call.ConnectionId, path);
            return Task.FromResult(new CommandReply(new { path }));
        });
        catalog.LiveOnly(Update);
    }

    /// <summary>A path (<c>/orders/42</c>) or a screen name (<c>OrderDetails</c>), without its query: what someone typed stays theirs.</summary>
    public static string PathOf(string? requested)
    {
        var path = requested?.Split('?', '#')[0].Trim();
        if (string.IsNullOrEmpty(path) || path.Length > MaxPathLength || !PathPattern().IsMatch(path))
        {
            const string message = "path must be a page path or screen name of at most 200 characters (letters, digits and / _ - . ~ : @).";
            throw new DomainException(ErrorCodes.ValidationFailed, message, new Dictionary<string, string[]> { ["path"] = [message] });
        }

        return path;
    }

    [GeneratedRegex(@"^[\p{L}\p{N}/_\-.~:@]+$")]
    private static partial Regex PathPattern();
}
