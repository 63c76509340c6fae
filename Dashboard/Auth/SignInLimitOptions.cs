namespace Dashboard.Auth;

/// <summary>The <c>Auth:SignIn</c> section: how fast and how often anyone may try to sign in.</summary>
public sealed class SignInLimitOptions
{
    public const string Section = "Auth:SignIn";

    /// <summary>Sign-in requests (token or sign-in page) one client address may make per minute, right or wrong.</summary>
    public int PermitPerMinute { get; set; } = 10;

    /// <summary>Sign-in requests the whole instance takes per minute, from all addresses together (each costs a password hash).</summary>
    public int GlobalPermitPerMinute { get; set; } = 600;

    /// <summary>Wrong passwords for one account from one address before that address is locked out of that account.</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>How long failures are remembered after the last one; at <see cref="MaxFailures"/>, how long the lock lasts.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);
}
