using System.Security.Claims;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>Adds the display name, linked customer and an agent's routes to the cookie principal, as the token carries them.</summary>
public sealed class DashboardClaimsFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, DashboardDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DashboardClaims.DisplayName, user.DisplayName));
        if (user.CustomerId is { } customerId)
        {
            identity.AddClaim(new Claim(DashboardClaims.CustomerId, customerId.ToString()));
        }

        foreach (var route in await AgentRoutes.OfAsync(db, user.Id))
        {
            identity.AddClaim(new Claim(DashboardClaims.Route, route));
        }

        return identity;
    }
}
