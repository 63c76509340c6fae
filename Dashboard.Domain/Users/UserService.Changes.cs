using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Domain.Users;

/// <summary>
/// Changes to an existing user. Each one that touches what the user may do (role, customer link, routes, disabled, password)
/// renews the security stamp, so every cookie and token issued before it is refused from then on.
/// The rules are checked inside the write's turn, so two admins cannot together disable the last two admins.
/// </summary>
public sealed partial class UserService
{
    public async Task<UserSummary> UpdateAsync(Actor actor, string id, UpdateUser command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageUsers);
        var v = new Validation();
        var newRole = ValidRole(v, command.Role, required: false);
        var displayName = command.DisplayName is null ? null : v.Text("displayName", command.DisplayName, 100, required: true);
        v.ThrowIfInvalid();

        return await ChangeAsync(actor, id, async (users, db, user, before) =>
        {
            var role = newRole ?? before.Role;
            var customerId = role == Roles.Customer ? command.CustomerId ?? user.CustomerId : command.CustomerId;
            var link = new Validation();
            CheckLink(link, role, customerId);
            var routes = ValidRoutes(link, role, command.Routes) ?? (role == Roles.Delivery ? before.Routes : []);
            link.ThrowIfInvalid();
            if (role != before.Role)
            {
                if (user.Id == actor.UserId)
                {
                    throw DomainException.Forbidden("You cannot change your own role; ask another admin.");
                }

                if (before.Role == Roles.Admin && !before.Disabled && await ActiveAdminsAsync(db, ct) <= 1)
                {
                    throw DomainException.Conflict($"{before.Email} is the last active admin; make someone else an admin first.");
                }
            }

            if (customerId is { } cid && cid != user.CustomerId && !await db.Customers.AnyAsync(c => c.Id == cid, ct))
            {
                throw DomainException.NotFound("Customer", cid);
            }

            var routesChanged = !routes.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(before.Routes, StringComparer.Ordinal);
            var rightsChanged = role != before.Role || customerId != user.CustomerId || routesChanged;
            if (routesChanged)
            {
                await SetRoutesAsync(db, user.Id, routes, ct);
            }

            if (role != before.Role)
            {
                Check(await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user)));
                Check(await users.AddToRoleAsync(user, role));
            }

            user.CustomerId = customerId;
            user.DisplayName = displayName ?? user.DisplayName;
            Check(await users.UpdateAsync(user));
            if (rightsChanged)
            {
                Check(await users.UpdateSecurityStampAsync(user));
            }

            return ("user.updated", $"Changed user {before.Email}" + (role != before.Role ? $": {before.Role} → {role}" : ""));
        }, ct);
    }

    public Task<UserSummary> DisableAsync(Actor actor, string id, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageUsers);
        return ChangeAsync(actor, id, async (users, db, user, before) =>
        {
            if (user.Id == actor.UserId)
            {
                throw DomainException.Forbidden("You cannot disable your own account; ask another admin.");
            }

            if (before.Disabled)
            {
                return null;
            }

            if (before.Role == Roles.Admin && await ActiveAdminsAsync(db, ct) <= 1)
            {
                throw DomainException.Conflict($"{before.Email} is the last active admin and cannot be disabled.");
            }

            Check(await users.SetLockoutEnabledAsync(user, true));
            Check(await users.SetLockoutEndDateAsync(user, UserRules.DisabledUntil));
            Check(await users.UpdateSecurityStampAsync(user));
            return ("user.disabled", $"Disabled user {before.Email}");
        }, ct);
    }

    public Task<UserSummary> EnableAsync(Actor actor, string id, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageUsers);
        return ChangeAsync(actor, id, async (users, _, user, before) =>
        {
            if (!before.Disabled)
            {
                return null;
            }

            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
            return ("user.enabled", $"Enabled user {before.Email}");
        }, ct);
    }

    /// <summary>Sets a new password (typed by the admin, or <see cref="UserRules.GeneratePassword"/>); the old one stops working.</summary>
    public async Task<UserSummary> ResetPasswordAsync(Actor actor, string id, ResetPassword command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageUsers);
        if (string.IsNullOrEmpty(command.Password))
        {
            new Validation().Add("password", "Password is required.").ThrowIfInvalid();
        }

        return await ChangeAsync(actor, id, async (users, db, user, before) =>
        {
            await CheckPasswordAsync(users, user, command.Password!);
            Check(await users.RemovePasswordAsync(user));
            Check(await users.AddPasswordAsync(user, command.Password!));
            if (!before.Disabled)
            {
                Check(await users.SetLockoutEndDateAsync(user, null));
            }

            Check(await users.ResetAccessFailedCountAsync(user));
            // A fresh password is also the way out of a lockout after wrong guesses, from every address.
            if (user.NormalizedEmail is { } email)
            {
                var account = SignInAttemptEntity.AccountOf(email);
                await db.SignInAttempts.Where(a => a.Account == account).ExecuteDeleteAsync(ct);
            }
            return ("user.password_reset", $"Reset the password of {before.Email}");
        }, ct);
    }

    /// <summary>
    /// A signed-in user changes their own password, proving the current one. Like every write it takes its turn in the
    /// writer and is logged (never the password); the new security stamp ends the user's other sessions.
    /// </summary>
    public Task<UserSummary> ChangeOwnPasswordAsync(Actor actor, string current, string replacement, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(replacement))
        {
            new Validation().Add("password", "Enter a new password.").ThrowIfInvalid();
        }

        return ChangeAsync(actor, actor.UserId, async (users, _, user, before) =>
        {
            Check(await users.ChangePasswordAsync(user, current, replacement));
            return ("user.password_changed", $"{before.Email} changed their password");
        }, ct);
    }

    private delegate Task<(string Action, string Summary)?> Change(UserManager<AppUser> users, DashboardDbContext db, AppUser user, UserSummary before);

    /// <summary>One write: load, apply, log before/after (never the password), raise <see cref="UserChanged"/>. A null change writes nothing.</summary>
    private async Task<UserSummary> ChangeAsync(Actor actor, string id, Change change, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Services(scope);
        var result = await writer.WriteAsync(db, actor, async w =>
        {
            var user = await users.FindByIdAsync(id) ?? throw DomainException.NotFound("User", id);
            var before = await SummaryAsync(db, id, ct);
            if (await change(users, db, user, before) is not { } done)
            {
                return before;
            }

            var after = await SummaryAsync(db, id, ct);
            w.Log(done.Action, "user", id, done.Summary, after.CustomerId ?? before.CustomerId, before, after);
            w.Raise(new UserChanged(after));
            return after;
        }, ct);
        foreach (var cache in caches)
        {
            cache.Forget(id);
        }

        return result;
    }

    private static async Task<int> ActiveAdminsAsync(DashboardDbContext db, CancellationToken ct)
    {
        var lockouts = await (from ur in db.UserRoles
                              join r in db.Roles on ur.RoleId equals r.Id
                              join u in db.Users on ur.UserId equals u.Id
                              where r.Name == Roles.Admin
                              select u.LockoutEnd).ToListAsync(ct);
        return lockouts.Count(end => !UserRules.IsDisabled(end));
    }
}
