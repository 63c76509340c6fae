using Dashboard.Domain.Events;

namespace Dashboard.Domain.Users;

public sealed record CreateUser(string? Email, string? Password, string? Role, Guid? CustomerId, string? DisplayName);

/// <summary>A partial edit: null leaves a field as it is. A role other than Customer drops the customer link.</summary>
public sealed record UpdateUser(string? Role, string? DisplayName, Guid? CustomerId);

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
    DateTime CreatedAt);

/// <summary>A user was created or changed. Carries no secret: no password, no security stamp.</summary>
public sealed record UserChanged(UserSummary User) : IDomainEvent
{
    public Guid? CustomerId => User.CustomerId;
}
