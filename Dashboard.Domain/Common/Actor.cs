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
public sealed record Actor(string UserId, string Name, string Role, Channel Channel, Guid? CustomerId = null)
{
    public static Actor System(string name = "system") => new("system", name, Roles.Admin, Channel.System);

    public bool IsStaff => Role is Roles.Admin or Roles.Staff;

    public bool IsAdmin => Role == Roles.Admin;
}
