using Dashboard.Domain.Events;

namespace Dashboard.Domain.Users;

/// <param name="Routes">A Delivery user's routes; refused for any other role.</param>
public sealed record CreateUser(string? Email, string? Password, string? Role, Guid? CustomerId, string? DisplayName,
    IReadOnlyList<string?>? Routes = null);

/// <summary>
/// A partial edit: null leaves a field as it is. A role other than Customer drops the customer link, a role other than
/// Delivery the routes; <paramref name="Routes"/> replaces an agent's routes (<c>[]</c>: none).
/// </summary>
public sealed record UpdateUser(string? Role, string? DisplayName, Guid? CustomerId, IReadOnlyList<string?>? Routes = null);

public sealed record ResetPassword(string? Password);

/// <param name="Disabled">Switched off by an admin: cannot sign in, and every session and token of theirs is refused.</param>
/// <param name="LockedOut">Temporarily locked after repeated wrong passwords (not the same as disabled).</param>
public sealed record UserSummary(
    string Id,
    string Email,
    string DisplayName,
    string Role,
    Guid? CustomerId,
    string? CustomerName,
    bool Disabled,
    bool LockedOut,
    DateTime CreatedAt,
    IReadOnlyList<string> Routes);

/// <summary>A user was created or changed. Carries no secret: no password, no security stamp.</summary>
public sealed record UserChanged(UserSummary User) : IDomainEvent
{
    public Guid? CustomerId => User.CustomerId;
}
