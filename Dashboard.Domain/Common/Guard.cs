namespace Dashboard.Domain.Common;

/// <summary>Who may do what. One place, shared by every channel.</summary>
public static class Guard
{
    public static void Staff(Actor actor)
    {
        if (!actor.IsStaff)
        {
            throw DomainException.Forbidden("Only admins and staff may do this.");
        }
    }

    public static void Admin(Actor actor)
    {
        if (!actor.IsAdmin)
        {
            throw DomainException.Forbidden("Only admins may do this.");
        }
    }

    public static void StaffOrDelivery(Actor actor)
    {
        if (!actor.IsStaff && actor.Role != Roles.Delivery)
        {
            throw DomainException.Forbidden("Only admins, staff and delivery agents may do this.");
        }
    }

    /// <summary>
    /// Staff read any customer's record, balance and ledger; a customer only their own. An agent reads none: they see
    /// the day sheet's entries, not the customer list or anyone's payment history.
    /// </summary>
    public static void ReadCustomer(Actor actor, Guid customerId)
    {
        var allowed = actor.IsStaff || (actor.Role == Roles.Customer && actor.CustomerId == customerId);
        if (!allowed)
        {
            throw DomainException.Forbidden("You may only see your own account.");
        }
    }
}
