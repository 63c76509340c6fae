using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using Dashboard.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Auth;

/// <summary>
/// The password verification of every sign-in, counted (meter "Dashboard.Auth", <c>dashboard.auth.password_checks</c>).
/// An unknown email, or a user without a password, is verified against a dummy hash made by the same hasher, so it
/// costs what a known email costs: the answer's timing does not tell which emails have accounts.
/// </summary>
public sealed class PasswordCheck : IDisposable
{
    private static readonly AppUser Nobody = new();
    private readonly Meter _meter = new("Dashboard.Auth");
    private readonly Counter<long> _checks;
    private string? _dummyHash;
    private long _count;

    public PasswordCheck() => _checks = _meter.CreateCounter<long>("dashboard.auth.password_checks");

    /// <summary>Password hashes verified since start.</summary>
    public long Count => Interlocked.Read(ref _count);

    public bool Verify(IPasswordHasher<AppUser> hasher, AppUser? user, string password)
    {
        var hash = user?.PasswordHash ?? (_dummyHash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        Interlocked.Increment(ref _count);
        _checks.Add(1);
        var result = hasher.VerifyHashedPassword(user ?? Nobody, hash, password);
        return user?.PasswordHash is not null && result != PasswordVerificationResult.Failed;
    }

    public void Dispose() => _meter.Dispose();
}
