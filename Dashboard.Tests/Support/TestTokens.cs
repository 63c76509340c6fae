using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dashboard.Tests.Support;

/// <summary>Hand-made tokens for the refusal tests: expired ones, or ones signed with a key the app does not know.</summary>
public static class TestTokens
{
    public static string Sign(SecurityKey key, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new ClaimsIdentity([new Claim("sub", "someone"), new Claim("role", "Admin"), new Claim("name", "someone")]),
        Issuer = "dashboard",
        Audience = "dashboard-apps",
        IssuedAt = expires.AddHours(-1),
        NotBefore = expires.AddHours(-1),
        Expires = expires,
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
    });
}
