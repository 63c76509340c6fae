using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>
/// The lockout: wrong passwords counted per account and client address in the database (table SignInAttempts), so every
/// instance shares the count and an address that never failed still signs in to an account another address locked.
/// </summary>
/// <remarks>
/// An attempt is reserved — counted as a failure — before its password is checked, and the right password takes it
/// back, so concurrent guesses get at most <see cref="SignInLimitOptions.MaxFailures"/> checks between them. Identity's own
/// lockout is not used: its LockoutEnd means "disabled by an admin" here.
/// </remarks>
public sealed class SignInAttempts(DomainWriter writer, IOptions<SignInLimitOptions> options)
{
    private static readonly Actor SignIn = Actor.System("sign-in");
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private DateTime _nextSweep;

    /// <summary>Counts one more failure unless the limit is reached: null when reserved, else how long the lock lasts.</summary>
    public Task<TimeSpan?> ReserveAsync(string normalizedEmail, string address, CancellationToken ct = default)
    {
        var account = Account(normalizedEmail);
        var limits = options.Value;
        return writer.WriteAsync(SignIn, async w =>
        {
            var now = w.Now;
            var expires = now + limits.LockoutDuration;
            // One statement, so that two attempts cannot both see room for one more — also on PostgreSQL across instances.
            var reserved = await w.Db.Database.ExecuteSqlAsync($"""
                INSERT INTO "SignInAttempts" ("Account", "Address", "Failures", "ExpiresAt") VALUES ({account}, {address}, 1, {expires})
                ON CONFLICT ("Account", "Address") DO UPDATE SET
                    "Failures" = CASE WHEN "SignInAttempts"."ExpiresAt" <= {now} THEN 1 ELSE "SignInAttempts"."Failures" + 1 END,
                    "ExpiresAt" = {expires}
                WHERE "SignInAttempts"."ExpiresAt" <= {now} OR "SignInAttempts"."Failures" < {limits.MaxFailures}
                """, ct);
            if (reserved > 0)
            {
                await SweepAsync(w.Db, now);
                return (TimeSpan?)null;
            }

            var until = await w.Db.SignInAttempts.Where(a => a.Account == account && a.Address == address)
                .Select(a => (DateTime?)a.ExpiresAt).SingleOrDefaultAsync(ct);
            // No row: a success from the same address cleared it in between; the next try gets in.
            return until is { } end && end > now ? end - now : TimeSpan.FromSeconds(1);
        }, ct);
    }

    /// <summary>The right password was given: this address starts again from no failures for this account.</summary>
    public Task ClearAsync(string normalizedEmail, string address)
    {
        var account = Account(normalizedEmail);
        return writer.MaintainAsync(db => db.SignInAttempts.Where(a => a.Account == account && a.Address == address).ExecuteDeleteAsync());
    }

    /// <summary>Forgotten failures go, at most once a minute (a row per typed email and address would pile up otherwise).</summary>
    private async Task SweepAsync(DashboardDbContext db, DateTime now)
    {
        // Commands run one at a time on the writer's loop, so this field needs no lock.
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + SweepInterval;
        await db.SignInAttempts.Where(a => a.ExpiresAt <= now).ExecuteDeleteAsync();
    }

    private static string Account(string normalizedEmail) => SignInAttemptEntity.AccountOf(normalizedEmail);
}
