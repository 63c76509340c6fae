using Dashboard.Domain.Events;

namespace Dashboard.Domain.Customers;

/// <param name="PreviousRoute">The route before a change of route: its agents learn that the customer left it.</param>
public sealed record CustomerChanged(Customer Customer, bool Created, string? PreviousRoute = null) : IDomainEvent
{
    public Guid? CustomerId => Customer.Id;
}

public sealed record BalanceChanged(CustomerBalance Balance) : IDomainEvent
{
    public Guid? CustomerId => Balance.CustomerId;
}
