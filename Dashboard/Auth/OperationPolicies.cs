using Dashboard.Domain.Common;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Auth;

/// <summary>The operation an endpoint performs, from the rules table (<see cref="Permissions"/>).</summary>
public sealed record RequiresOperation(Operation Operation);

/// <summary>
/// The rules table as authorization policies, one per operation: a role without access is refused (403 FORBIDDEN)
/// before the endpoint reads its body. The domain checks the same table again with the data (own customer, agents' cash).
/// </summary>
public static class OperationPolicies
{
    public static void AddOperationPolicies(this AuthorizationOptions options)
    {
        foreach (var permission in Permissions.Table)
        {
            options.AddPolicy(Permissions.PolicyName(permission.Operation),
                p => p.RequireAuthenticatedUser().RequireRole(Permissions.RolesFor(permission.Operation)));
        }
    }

    /// <summary>The endpoint performs <paramref name="operation"/>: signed-in users whose role has access to it.</summary>
    public static TBuilder Requires<TBuilder>(this TBuilder builder, Operation operation) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresOperation(operation)).RequireAuthorization(Permissions.PolicyName(operation));
}
