using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dashboard.Tests.Support;

/// <summary>
/// Hand-made tokens: expired ones, ones signed with a key the app does not know, or a real user's token re-issued with
/// a short lifetime (for expiry tests).
/// </summary>
public static class TestTokens
{
    public static string Sign(SecurityKey key, DateTime expires) =>
        Sign(key, new ClaimsIdentity([new Claim("sub", "someone"), new Claim("role", "Admin"), new Claim("name", "someone")]), expires);

    /// <summary>The same user, role and sign-in as <paramref name="token"/> (one the app issued), expiring at <paramref name="expires"/>.</summary>
    public static string WithExpiry(SecurityKey key, string token, DateTime expires) => Sign(key,
        new ClaimsIdentity(new JsonWebToken(token).Claims.Where(c => c.Type is not ("exp" or "iat" or "nbf" or "iss" or "aud"))), expires);

    private static string Sign(SecurityKey key, ClaimsIdentity subject, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = subject,
        Issuer = "dashboard",
        Audience = "dashboard-apps",
        IssuedAt = expires.AddHours(-1),
        NotBefore = expires.AddHours(-1),
        Expires = expires,
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
    });
}
