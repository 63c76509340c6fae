namespace Dashboard.Domain.Common;

/// <summary>The rules table (<see cref="Permissions"/>) applied to one actor. One place, shared by every channel.</summary>
public static class Guard
{
    /// <summary>
    /// FORBIDDEN unless the actor's role has some access to the operation. Returns that access: with
    /// <see cref="Access.Own"/> the caller keeps to the actor's own customer.
    /// </summary>
    public static Access Require(Actor actor, Operation operation)
    {
        var permission = Permissions.Of(operation);
        var access = permission.For(actor.Role);
        if (access == Access.None)
        {
            throw DomainException.Forbidden($"Your role ({actor.Role}) may not do this: {permission.Covers}.");
        }

        return access;
    }

    /// <summary>The operation on one customer's data: with <see cref="Access.Own"/>, only the actor's own customer.</summary>
    public static void Require(Actor actor, Operation operation, Guid customerId) => Require(actor, operation, customerId, route: null);

    /// <summary>
    /// The operation on the data of one customer, who is on <paramref name="route"/>: with <see cref="Access.Own"/> only
    /// the actor's own customer, with <see cref="Access.Route"/> only a customer on one of the agent's routes.
    /// </summary>
    public static void Require(Actor actor, Operation operation, Guid customerId, string? route)
    {
        switch (Require(actor, operation))
        {
            case Access.Own when actor.CustomerId != customerId:
                throw DomainException.Forbidden("You may only see your own account.");
            case Access.Route when !actor.Serves(route):
                throw DomainException.Forbidden(string.IsNullOrWhiteSpace(route)
                    ? "This customer is on no route; only staff handle them."
                    : $"This customer is on route {route}, which is not one of yours.");
        }
    }

    /// <summary>
    /// The customer a command is about: staff name it (required); a customer's is their own, and naming another is
    /// refused (not silently redirected: an app that sends another id has a bug, or is trying).
    /// </summary>
    /// <param name="what">What belongs to the customer, for the refusal ("support conversation", "subscription").</param>
    public static Guid CustomerOf(Actor actor, Operation operation, Guid? customerId, string what)
    {
        if (Require(actor, operation) == Access.Own)
        {
            var own = actor.CustomerId ?? throw DomainException.Forbidden("Your account is not linked to a customer.");
            if (customerId is { } asked && asked != own)
            {
                throw DomainException.Forbidden($"You may only use your own {what}.");
            }

            return own;
        }

        var v = new Validation();
        var id = v.Required("customerId", customerId);
        v.ThrowIfInvalid();
        return id!.Value;
    }

    public static bool Allows(Actor actor, Operation operation) => Permissions.AccessOf(actor.Role, operation) != Access.None;
}
