using System.Security.Claims;
using Dashboard.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>Adds the display name and linked customer to the cookie principal, as the token carries them.</summary>
public sealed class DashboardClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
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

        return identity;
    }
}
