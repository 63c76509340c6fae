using System.Security.Claims;
using System.Security.Cryptography;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Users;
using Dashboard.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dashboard.Auth;

public sealed record TokenResponse(string AccessToken, DateTime ExpiresAt, string TokenType, TokenUser User);

/// <param name="Routes">A delivery agent's routes: the customers whose entries and cash they handle.</param>
public sealed record TokenUser(string Id, string Email, string DisplayName, string Role, Guid? CustomerId, IReadOnlyList<string> Routes);

/// <summary>
/// Issues the signed JWTs the apps use. The key comes from configuration, or is generated once and kept in the
/// database (so every instance and every restart agree on it); it is never a constant in code.
/// </summary>
public sealed class TokenService(IOptions<DashboardOptions> options, BusinessClock clock, UserAccess access)
{
    private const string SecretName = "jwt-signing-key";
    private SymmetricSecurityKey? _key;

    public SymmetricSecurityKey SigningKey => _key ?? throw new InvalidOperationException("The signing key is loaded at start-up.");

    public JwtOptions Settings => options.Value.Jwt;

    public async Task LoadKeyAsync(IDbContextFactory<DashboardDbContext> contexts, CancellationToken ct)
    {
        var configured = Settings.SigningKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var bytes = Convert.FromBase64String(configured);
            if (bytes.Length < 32)
            {
                throw new InvalidOperationException("Dashboard:Jwt:SigningKey must be base64 of at least 32 bytes.");
            }

            _key = new SymmetricSecurityKey(bytes);
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var secret = await db.Secrets.FirstOrDefaultAsync(s => s.Name == SecretName, ct);
        if (secret is null)
        {
            secret = new AppSecret { Name = SecretName, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)), CreatedAt = clock.UtcNow };
            db.Secrets.Add(secret);
            await db.SaveChangesAsync(ct);
        }

        _key = new SymmetricSecurityKey(Convert.FromBase64String(secret.Value));
    }

    public TokenResponse Issue(AppUser user, string role, IReadOnlyList<string> routes)
    {
        var expires = clock.UtcNow.Add(Settings.Lifetime);
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, user.Id),
            new(JwtRegisteredClaimNames.Name, user.Email ?? user.Id),
            new(JwtRegisteredClaimNames.Email, user.Email ?? ""),
            new("role", role),
            new(DashboardClaims.DisplayName, user.DisplayName),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            new(DashboardClaims.StampFingerprint, UserAccess.Fingerprint(user.SecurityStamp)),
        };
        if (user.CustomerId is { } customerId)
        {
            claims.Add(new Claim(DashboardClaims.CustomerId, customerId.ToString()));
        }

        claims.AddRange(routes.Select(r => new Claim(DashboardClaims.Route, r)));

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = Settings.Issuer,
            Audience = Settings.Audience,
            IssuedAt = clock.UtcNow,
            NotBefore = clock.UtcNow,
            Expires = expires,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
        return new TokenResponse(token, expires, "Bearer", new TokenUser(user.Id, user.Email ?? "", user.DisplayName, role, user.CustomerId, routes));
    }

    /// <summary>
    /// The principal of a valid, unexpired token of ours whose user may still sign in (<see cref="UserAccess"/>); null for
    /// anything else. For transports outside the HTTP auth pipeline.
    /// </summary>
    public async Task<ClaimsPrincipal?> ValidateAsync(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        var handler = new JsonWebTokenHandler { MapInboundClaims = false };
        var result = await handler.ValidateTokenAsync(token, ValidationParameters());
        if (!result.IsValid)
        {
            return null;
        }

        var principal = new ClaimsPrincipal(result.ClaimsIdentity);
        return await access.RefusalAsync(principal) is null ? principal : null;
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Settings.Issuer,
        ValidAudience = Settings.Audience,
        IssuerSigningKey = SigningKey,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = JwtRegisteredClaimNames.Name,
        RoleClaimType = "role",
        ClockSkew = TimeSpan.FromSeconds(30),
    };
}
