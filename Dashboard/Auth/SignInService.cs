using Dashboard.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Auth;

public enum SignInStatus
{
    Succeeded,
    WrongCredentials,
    LockedOut,
    Disabled,
}

public sealed record SignInOutcome(SignInStatus Status, AppUser? User = null, TimeSpan RetryAfter = default)
{
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}

/// <summary>
/// The one email-and-password check behind both doors, <c>POST /api/v1/auth/token</c> and the sign-in page; each door
/// only turns the outcome into its answer (a token, a cookie, a message).
/// </summary>
/// <remarks>
/// Known and unknown emails take the same path — reserve the attempt, look the user up, verify one hash — so neither
/// the answer nor its timing tells them apart. Writes nothing through Identity (no lockout counter, no rehash): the
/// attempt counts live in <see cref="SignInAttempts"/>, and every write goes through the domain's single writer.
/// </remarks>
public sealed class SignInService(UserManager<AppUser> users, SignInAttempts attempts, PasswordCheck passwords)
{
    public const string WrongCredentialsMessage = "Wrong email or password.";
    public const string DisabledMessage = "This account is disabled; ask an admin to enable it.";

    public async Task<SignInOutcome> CheckAsync(string email, string password, string address, CancellationToken ct = default)
    {
        email = email.Trim();
        var account = users.NormalizeEmail(email);
        if (await attempts.ReserveAsync(account, address, ct) is { } lockedFor)
        {
            return new SignInOutcome(SignInStatus.LockedOut, RetryAfter: lockedFor);
        }

        var user = await users.FindByEmailAsync(email);
        if (!passwords.Verify(users.PasswordHasher, user, password))
        {
            return new SignInOutcome(SignInStatus.WrongCredentials);
        }

        // The right password is no guess, whatever follows; a disabled account says so only to someone who knows it.
        await attempts.ClearAsync(account, address);
        return new SignInOutcome(UserRules.IsDisabled(user!.LockoutEnd) ? SignInStatus.Disabled : SignInStatus.Succeeded, user);
    }
}
