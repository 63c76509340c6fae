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
                p => p.RequireAuthenticatedUser().RequireRole(Permissions.RolesFor(permission.Operation)).AddRequirements(OwnCustomerInPath.Instance));
        }
    }

    /// <summary>The endpoint performs <paramref name="operation"/>: signed-in users whose role has access to it.</summary>
    public static TBuilder Requires<TBuilder>(this TBuilder builder, Operation operation) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresOperation(operation)).RequireAuthorization(Permissions.PolicyName(operation));
}

/// <summary>
/// A path that names a customer (<c>{customerId}</c>, as the support conversations do) is refused to a role with only
/// <see cref="Access.Own"/> access unless it is their own customer — before the endpoint reads its body, like the role check.
/// </summary>
public sealed class OwnCustomerInPath : IAuthorizationRequirement, IAuthorizationHandler
{
    public static readonly OwnCustomerInPath Instance = new();

    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        var named = context.Resource is HttpContext http ? http.GetRouteValue("customerId") as string : null;
        var operation = (context.Resource as HttpContext)?.GetEndpoint()?.Metadata.GetMetadata<RequiresOperation>()?.Operation;
        if (named is null || operation is null || context.User.Identity?.IsAuthenticated != true)
        {
            context.Succeed(this);
            return Task.CompletedTask;
        }

        var actor = context.User.ToActor(Channel.Api);
        if (Permissions.Of(operation.Value).For(actor.Role) != Access.Own
            || (Guid.TryParse(named, out var customerId) && actor.CustomerId == customerId))
        {
            context.Succeed(this);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, "You may only use your own account."));
        }

        return Task.CompletedTask;
    }
}
