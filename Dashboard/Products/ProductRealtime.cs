using Dashboard.Domain.Common;
using Dashboard.Domain.Products;
using Dashboard.Realtime;

namespace Dashboard.Products;

/// <summary>The product catalog is public to every signed-in role: a change reaches every role's room.</summary>
public sealed class ProductRealtime : IRealtimeFeature
{
    public const string Updated = "product:updated";

    private static readonly IReadOnlyList<string> EveryRole = [.. Roles.All.Select(Rooms.Role)];

    public void Declare(RealtimeCatalogBuilder catalog) => catalog.Event<ProductChanged>(Updated, p => p.Product, _ => EveryRole);
}
