using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Domain.Events;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Auth;

/// <summary>
/// Is a signed-in principal (cookie, bearer token, hub connection, browser circuit) still good? Its user must exist,
/// not be disabled, and still have the security stamp the principal was issued with; the stamp is renewed when the
/// role, customer link or password changes, or the user is disabled.
/// </summary>
/// <remarks>
/// Every authenticated request asks, so answers are cached for <see cref="CacheFor"/>; a <see cref="UserChanged"/>
/// drops the user's entry at once. A cached answer is only trusted to accept: before refusing, the database is read.
/// </remarks>
public sealed class UserAccess : IUserSignInCache, IDisposable
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly IDbContextFactory<DashboardDbContext> _contexts;
    private readonly TimeProvider _time;
    private readonly IDisposable _subscription;

    public UserAccess(IDbContextFactory<DashboardDbContext> contexts, IEventAggregator events, TimeProvider time)
    {
        (_contexts, _time) = (contexts, time);
        _subscription = events.Subscribe<UserChanged>(e =>
        {
            Forget(e.User.Id);
            return Task.CompletedTask;
        }, () =>
        {
            _cache.Clear(); // fallen behind: any cached answer may be out of date
            return Task.CompletedTask;
        });
    }

    /// <summary>What a bearer token carries instead of the stamp itself: the stamp stays a server-side secret.</summary>
    public static string Fingerprint(string? securityStamp) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(securityStamp ?? "")))[..32];

    public void Forget(string userId) => _cache.TryRemove(userId, out _);

    /// <summary>Null when the principal may go on; otherwise the reason it is refused, fit to show the user.</summary>
    public async Task<string?> RefusalAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue("sub");
        if (userId is null)
        {
            return "The sign-in names no user.";
        }

        // Cookies carry Identity's stamp claim; our tokens carry its fingerprint.
        var fingerprint = principal.FindFirstValue(DashboardClaims.StampFingerprint)
            ?? (principal.FindFirstValue(DashboardClaims.SecurityStamp) is { } raw ? Fingerprint(raw) : null);
        if (_cache.TryGetValue(userId, out var cached) && cached.Until > _time.GetUtcNow() && Refusal(cached, fingerprint) is null)
        {
            return null;
        }

        var fresh = await LoadAsync(userId, ct);
        _cache[userId] = fresh;
        return Refusal(fresh, fingerprint);
    }

    private static string? Refusal(Entry entry, string? fingerprint) => entry switch
    {
        { Exists: false } => "This account no longer exists.",
        { Disabled: true } => "This account is disabled.",
        _ when fingerprint != entry.Fingerprint => "Your sign-in is out of date (your role or password changed); sign in again.",
        _ => null,
    };

    private async Task<Entry> LoadAsync(string userId, CancellationToken ct)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.LockoutEnd }).SingleOrDefaultAsync(ct);
        var until = _time.GetUtcNow() + CacheFor;
        return row is null
            ? new Entry(false, false, null, until)
            : new Entry(true, UserRules.IsDisabled(row.LockoutEnd), Fingerprint(row.SecurityStamp), until);
    }

    public void Dispose() => _subscription.Dispose();

    private sealed record Entry(bool Exists, bool Disabled, string? Fingerprint, DateTimeOffset Until);
}

/// <summary>A bearer token or cookie refused by <see cref="UserAccess"/>; its message goes to the client.</summary>
public sealed class AccessRevokedException(string message) : Exception(message);
