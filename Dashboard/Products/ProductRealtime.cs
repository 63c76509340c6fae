using Dashboard.Domain.Common;
using Dashboard.Domain.Products;
using Dashboard.Realtime;

namespace Dashboard.Products;

/// <summary>The product catalog is public to every signed-in role: a change reaches every role's room.</summary>
public sealed class ProductRealtime : IRealtimeFeature
{
    public const string Updated = "product:updated";

    public void Declare(RealtimeCatalogBuilder catalog) => catalog.Event<ProductChanged>(Updated, p => p.Product, _ => Rooms.EveryRole);
}
