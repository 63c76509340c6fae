using Dashboard.Domain.Common;
using Dashboard.Domain.Stats;
using Dashboard.Realtime;

namespace Dashboard.Stats;

/// <summary>The day's figures on request; staff also get them live, coalesced, from the relays (<see cref="RealtimeRelay"/>).</summary>
public sealed class StatsRealtime : IRealtimeFeature
{
    public const string Request = "stats:request";
    public const string Updated = "stats:updated";

    public void Declare(RealtimeCatalogBuilder catalog) =>
        catalog.Command(Request, Operation.ReadStats, async call =>
        {
            var figures = await call.Get<StatsService>().GetAsync(call.Actor, null, call.Cancellation);
            return new CommandReply(figures, Updated, figures);
        });
}
