using System.Text.Json;
using Dashboard.Domain.Activity;
using Dashboard.Domain.Common;
using Dashboard.Realtime;

namespace Dashboard.Activity;

/// <summary>The activity log over both hubs: recent entries on request, each new entry to staff.</summary>
public sealed class ActivityRealtime : IRealtimeFeature
{
    public const string Request = "activity:request";
    public const string Updated = "activity:updated";

    public void Declare(RealtimeCatalogBuilder catalog)
    {
        catalog.Command(Request, Operation.ReadActivity, Limit, async (call, limit) =>
        {
            var recent = await call.Get<ActivityService>().RecentAsync(call.Actor, limit, call.Cancellation);
            return new CommandReply(recent, Updated, recent);
        });
        catalog.Event<ActivityLogged>(Updated, a => new[] { a.Entry }, _ => Rooms.Staff);
    }

    /// <summary>Seed 000 sends the limit bare; <c>{ limit }</c> and nothing (50) are accepted too.</summary>
    private static int Limit(JsonElement? payload) => payload switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => 50,
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var limit) => limit,
        { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("limit", out var l) && l.TryGetInt32(out var limit) => limit,
        _ => throw new DomainException(ErrorCodes.ValidationFailed, "limit must be a whole number."),
    };
}
