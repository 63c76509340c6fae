using Dashboard.Domain.Events;

namespace Dashboard.Domain.Products;

public sealed record ProductChanged(Product Product, bool Created) : IDomainEvent
{
    public Guid? CustomerId => null;
}
