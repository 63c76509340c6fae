using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Domain.Users;

/// <summary>
/// Failed sign-ins for one account from one client address. A sign-in reserves its attempt here before the password is
/// checked, so concurrent guesses cannot outrun the count; a success deletes the row, and the failures are forgotten
/// at <see cref="ExpiresAt"/>. Keyed by the email typed, whether or not such a user exists.
/// </summary>
public sealed class SignInAttemptEntity
{
    /// <summary>SHA-256 (hex) of the normalized email (<see cref="AccountOf"/>): the table never holds what people typed.</summary>
    public string Account { get; set; } = "";

    /// <summary>The client address (an IPv6 address by its /64 network).</summary>
    public string Address { get; set; } = "";

    public int Failures { get; set; }

    /// <summary>The last failure plus the lockout duration: until then the failures count (and, at the limit, lock).</summary>
    public DateTime ExpiresAt { get; set; }

    public static string AccountOf(string normalizedEmail) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)));
}
