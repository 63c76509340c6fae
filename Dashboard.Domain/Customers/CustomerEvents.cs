using Dashboard.Domain.Events;

namespace Dashboard.Domain.Customers;

public sealed record CustomerChanged(Customer Customer, bool Created) : IDomainEvent
{
    public Guid? CustomerId => Customer.Id;
}

public sealed record BalanceChanged(CustomerBalance Balance) : IDomainEvent
{
    public Guid? CustomerId => Balance.CustomerId;
}
