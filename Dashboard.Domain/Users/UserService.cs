using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Users;

public sealed record CreateUser(string? Email, string? Password, string? Role, Guid? CustomerId, string? DisplayName);

public sealed record UserSummary(string Id, string Email, string DisplayName, string Role, Guid? CustomerId, bool LockedOut, DateTime CreatedAt);

public sealed record UserChanged(UserSummary User) : Events.IDomainEvent
{
    public Guid? CustomerId => User.CustomerId;
}

/// <summary>User administration over ASP.NET Core Identity, in the same transaction as its activity entry.</summary>
public sealed class UserService(UserManager<AppUser> users, DashboardDbContext db, DomainWriter writer, BusinessClock clock)
{
    public async Task<UserSummary> CreateAsync(Actor actor, CreateUser command, CancellationToken ct = default)
    {
        Guard.Admin(actor);
        var v = new Validation();
        var email = v.Text("email", command.Email, 256, required: true);
        if (email is { Length: > 0 } && !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
        {
            v.Add("email", "email is not a valid address.");
        }

        if (string.IsNullOrEmpty(command.Password))
        {
            v.Add("password", "password is required.");
        }

        var role = Roles.Normalize(command.Role);
        if (role is null)
        {
            v.Add("role", $"role must be one of {string.Join(", ", Roles.All)}.");
        }
        else if (role == Roles.Customer && command.CustomerId is null)
        {
            v.Add("customerId", "customerId is required for a Customer user.");
        }
        else if (role != Roles.Customer && command.CustomerId is not null)
        {
            v.Add("customerId", "Only Customer users are linked to a customer.");
        }

        var displayName = v.Text("displayName", command.DisplayName, 100, required: false);
        v.ThrowIfInvalid();

        if (command.CustomerId is { } cid && !await db.Customers.AnyAsync(c => c.Id == cid, ct))
        {
            throw DomainException.NotFound("Customer", cid);
        }

        if (await users.FindByEmailAsync(email!) is not null)
        {
            throw DomainException.Conflict($"A user with email {email} already exists.");
        }

        return await writer.WriteAsync(db, actor, async scope =>
        {
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = string.IsNullOrEmpty(displayName) ? email!.Split('@')[0] : displayName,
                CustomerId = command.CustomerId,
                CreatedAt = scope.Now,
                LockoutEnabled = true,
            };
            Check(await users.CreateAsync(user, command.Password!));
            Check(await users.AddToRoleAsync(user, role!));
            var summary = new UserSummary(user.Id, user.Email!, user.DisplayName, role!, user.CustomerId, false, user.CreatedAt);
            scope.Log("user.created", "user", user.Id, $"Created {role} user {user.Email}", user.CustomerId, after: summary);
            scope.Raise(new UserChanged(summary));
            return summary;
        }, ct);
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        Guard.Admin(actor);
        var now = clock.UtcNow;
        var rows = await (from u in db.Users.AsNoTracking()
                          join ur in db.UserRoles on u.Id equals ur.UserId into urs
                          from ur in urs.DefaultIfEmpty()
                          join r in db.Roles on ur.RoleId equals r.Id into rs
                          from r in rs.DefaultIfEmpty()
                          orderby u.Email
                          select new { u.Id, u.Email, u.DisplayName, Role = r.Name, u.CustomerId, u.LockoutEnd, u.CreatedAt })
            .ToListAsync(ct);
        return rows.Select(u => new UserSummary(u.Id, u.Email ?? "", u.DisplayName, u.Role ?? "", u.CustomerId,
            u.LockoutEnd is { } end && end.UtcDateTime > now, u.CreatedAt)).ToList();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            var errors = result.Errors.GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray(), StringComparer.Ordinal);
            throw new DomainException(ErrorCodes.ValidationFailed, string.Join(" ", result.Errors.Select(e => e.Description)), errors);
        }
    }
}
