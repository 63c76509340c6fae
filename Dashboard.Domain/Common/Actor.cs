using System.Text.Json.Serialization;

namespace Dashboard.Domain.Common;

/// <summary>Through which door a write came in; recorded in the activity log.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Channel>))]
public enum Channel
{
    [JsonStringEnumMemberName("web")] Web,
    [JsonStringEnumMemberName("api")] Api,
    [JsonStringEnumMemberName("hub")] Hub,
    [JsonStringEnumMemberName("socket.io")] SocketIo,
    [JsonStringEnumMemberName("system")] System,
}

/// <summary>
/// Who is acting, as established by the transport from the authenticated principal — never from a payload.
/// </summary>
/// <param name="Routes">A delivery agent's routes (from their sign-in); empty for everyone else.</param>
public sealed record Actor(string UserId, string Name, string Role, Channel Channel, Guid? CustomerId = null, IReadOnlyList<string>? Routes = null)
{
    public static Actor System(string name = "system") => new("system", name, Roles.Admin, Channel.System);

    public bool IsStaff => Role is Roles.Admin or Roles.Staff;

    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>Whether a customer on <paramref name="route"/> is on one of this agent's routes (case-insensitive; no route: no).</summary>
    public bool Serves(string? route) =>
        !string.IsNullOrWhiteSpace(route) && (Routes ?? []).Contains(route.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The agent's routes lower-cased, for filters that run in the database.</summary>
    public IReadOnlyList<string> RouteKeys => [.. (Routes ?? []).Select(r => r.Trim().ToLowerInvariant())];
}
