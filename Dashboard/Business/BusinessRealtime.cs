using Dashboard.Domain.Business;
using Dashboard.Domain.Common;
using Dashboard.Realtime;

namespace Dashboard.Business;

/// <summary>seed 001's <c>business:status:update</c> {isOpen, businessName, message}, and who changed it when.</summary>
public sealed record BusinessStatusMessage(bool IsOpen, string BusinessName, string? Message, DateTime? ChangedAt, string? ChangedBy);

/// <summary>The business opening or closing reaches every signed-in connection of every role, on both protocols and namespaces.</summary>
public sealed class BusinessRealtime : IRealtimeFeature
{
    public const string StatusUpdate = "business:status:update";

    public void Declare(RealtimeCatalogBuilder catalog) =>
        catalog.Event<BusinessStatusChanged>(StatusUpdate,
            e => new BusinessStatusMessage(e.Profile.IsOpen, e.Profile.Name, e.Profile.StatusMessage, e.Profile.StatusChangedAt, e.Profile.StatusChangedBy),
            _ => Rooms.EveryRole);
}
