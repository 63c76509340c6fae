using System.Security.Cryptography;

namespace Dashboard.Domain.Users;

public static class UserRules
{
    /// <summary>
    /// Disabling is Identity's own lockout with no end (no schema change, and Identity's sign-in already refuses it);
    /// a lockout after wrong passwords ends within minutes, so any end this far away means "disabled by an admin".
    /// </summary>
    public static readonly DateTimeOffset DisabledUntil = DateTimeOffset.MaxValue;

    public static bool IsDisabled(DateTimeOffset? lockoutEnd) => lockoutEnd is { Year: >= 9999 };

    public static bool IsLockedOut(DateTimeOffset? lockoutEnd, DateTime utcNow) =>
        lockoutEnd is { } end && !IsDisabled(end) && end.UtcDateTime > utcNow;

    /// <summary>
    /// 20 characters from every class Identity's password policy asks for, the symbol being "_": a double click selects
    /// the whole password in a browser or a terminal (it would stop at ! # - = +), and no shell or URL needs it quoted.
    /// Over 100 bits of randomness.
    /// </summary>
    public static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789", symbols = "_";
        const string all = upper + lower + digits + symbols;
        var chars = new[] { Pick(upper), Pick(lower), Pick(digits), Pick(symbols) }
            .Concat(Enumerable.Range(0, 16).Select(_ => Pick(all))).ToArray();
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);

        static char Pick(string set) => set[RandomNumberGenerator.GetInt32(set.Length)];
    }
}
