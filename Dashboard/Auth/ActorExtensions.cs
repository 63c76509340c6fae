using System.Security.Claims;
using Dashboard.Domain.Common;

namespace Dashboard.Auth;

public static class DashboardClaims
{
    public const string CustomerId = "customer_id";
    public const string DisplayName = "display_name";

    /// <summary>One per route a delivery agent serves.</summary>
    public const string Route = "route";

    /// <summary>Identity's own claim in the cookie (the default of IdentityOptions.ClaimsIdentity.SecurityStampClaimType).</summary>
    public const string SecurityStamp = "AspNet.Identity.SecurityStamp";

    /// <summary>In bearer tokens: a hash of the security stamp at issue time (see <see cref="UserAccess"/>).</summary>
    public const string StampFingerprint = "stamp";
}

public static class ActorExtensions
{
    /// <summary>The acting user, from the authenticated principal only: ids and roles in payloads are never trusted.</summary>
    public static Actor ToActor(this ClaimsPrincipal user, Channel channel)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub")
            ?? throw new DomainException(ErrorCodes.Unauthenticated, "You are not signed in.");
        var role = Roles.All.FirstOrDefault(user.IsInRole)
            ?? throw DomainException.Forbidden("Your account has no role.");
        var name = user.FindFirstValue(DashboardClaims.DisplayName) ?? user.Identity?.Name ?? id;
        var customerId = Guid.TryParse(user.FindFirstValue(DashboardClaims.CustomerId), out var cid) ? cid : (Guid?)null;
        var routes = role == Roles.Delivery ? user.FindAll(DashboardClaims.Route).Select(c => c.Value).ToList() : null;
        return new Actor(id, name, role, channel, customerId, routes);
    }
}
