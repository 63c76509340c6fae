using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Domain.Users;

/// <summary>
/// User administration over ASP.NET Core Identity, each write in one transaction with its activity entry.
/// </summary>
/// <remarks>
/// Every call works in a DI scope of its own (its own UserManager and context): a Blazor circuit keeps its scope for
/// hours, and a context that long-lived would serve stale, tracked users and trip over two overlapping calls.
/// </remarks>
public sealed partial class UserService(IServiceScopeFactory scopes, DomainWriter writer, BusinessClock clock, IEnumerable<IUserSignInCache> caches)
{
    public const int MaxRoutes = 50;

    public async Task<UserSummary> CreateAsync(Actor actor, CreateUser command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageUsers);
        var v = new Validation();
        var email = v.Text("email", command.Email, 256, required: true);
        if (email is { Length: > 0 } && !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
        {
            v.Add("email", "Email is not a valid address.");
        }

        if (string.IsNullOrEmpty(command.Password))
        {
            v.Add("password", "Password is required.");
        }

        var role = ValidRole(v, command.Role, required: true);
        if (role is not null)
        {
            CheckLink(v, role, command.CustomerId);
        }

        var displayName = v.Text("displayName", command.DisplayName, 100, required: false);
        var routes = role is null ? null : ValidRoutes(v, role, command.Routes);
        v.ThrowIfInvalid();

        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Services(scope);
        await CheckPasswordAsync(users, new AppUser { UserName = email, Email = email }, command.Password!);
        if (command.CustomerId is { } cid && !await db.Customers.AnyAsync(c => c.Id == cid, ct))
        {
            throw DomainException.NotFound("Customer", cid);
        }

        if (await users.FindByEmailAsync(email!) is not null)
        {
            throw DomainException.Conflict($"A user with email {email} already exists.");
        }

        return await writer.WriteAsync(db, actor, async w =>
        {
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = string.IsNullOrEmpty(displayName) ? email!.Split('@')[0] : displayName,
                CustomerId = command.CustomerId,
                CreatedAt = w.Now,
                LockoutEnabled = true,
            };
            Check(await users.CreateAsync(user, command.Password!));
            Check(await users.AddToRoleAsync(user, role!));
            await SetRoutesAsync(db, user.Id, routes ?? [], ct);
            var summary = await SummaryAsync(db, user.Id, ct);
            w.Log("user.created", "user", user.Id, $"Created {role} user {user.Email}", user.CustomerId, after: summary);
            w.Raise(new UserChanged(summary));
            return summary;
        }, ct);
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageUsers);
        await using var scope = scopes.CreateAsyncScope();
        return await QuerySummaries(Services(scope).Db, null, ct);
    }

    public async Task<UserSummary> GetAsync(Actor actor, string id, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageUsers);
        await using var scope = scopes.CreateAsyncScope();
        return await SummaryAsync(Services(scope).Db, id, ct);
    }

    private static (UserManager<AppUser> Users, DashboardDbContext Db) Services(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), scope.ServiceProvider.GetRequiredService<DashboardDbContext>());

    private async Task<UserSummary> SummaryAsync(DashboardDbContext db, string id, CancellationToken ct) =>
        (await QuerySummaries(db, id, ct)).SingleOrDefault() ?? throw DomainException.NotFound("User", id);

    private Task<IReadOnlyList<UserSummary>> QuerySummaries(DashboardDbContext db, string? id, CancellationToken ct) =>
        SummariesAsync(db, id is null ? null : [id], clock.UtcNow, ct);

    /// <summary>The users (all when <paramref name="ids"/> is null) as the users list shows them, read in the caller's transaction.</summary>
    internal static async Task<IReadOnlyList<UserSummary>> SummariesAsync(DashboardDbContext db, IReadOnlyCollection<string>? ids, DateTime now, CancellationToken ct)
    {
        var rows = await (from u in db.Users.AsNoTracking()
                          where ids == null || ids.Contains(u.Id)
                          join ur in db.UserRoles on u.Id equals ur.UserId into urs
                          from ur in urs.DefaultIfEmpty()
                          join r in db.Roles on ur.RoleId equals r.Id into rs
                          from r in rs.DefaultIfEmpty()
                          join c in db.Customers on u.CustomerId equals c.Id into cs
                          from c in cs.DefaultIfEmpty()
                          orderby u.Email
                          select new { u.Id, u.Email, u.DisplayName, Role = r.Name, u.CustomerId, CustomerName = c.Name, u.LockoutEnd, u.CreatedAt })
            .ToListAsync(ct);
        var routes = (await db.AgentRoutes.AsNoTracking().Where(r => ids == null || ids.Contains(r.UserId)).ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.Route, StringComparer.Ordinal);
        return rows.Select(u => new UserSummary(u.Id, u.Email ?? "", u.DisplayName, u.Role ?? "", u.CustomerId, u.CustomerName,
            UserRules.IsDisabled(u.LockoutEnd), UserRules.IsLockedOut(u.LockoutEnd, now), u.CreatedAt,
            [.. routes[u.Id].Order(StringComparer.OrdinalIgnoreCase)])).ToList();
    }

    /// <summary>An agent's routes: each one line, at most 50 characters, without repeats (case-insensitive). Only agents have any.</summary>
    private static List<string>? ValidRoutes(Validation v, string role, IReadOnlyList<string?>? routes)
    {
        if (routes is null)
        {
            return null;
        }

        if (role != Roles.Delivery && routes.Count > 0)
        {
            v.Add("routes", "Only Delivery users serve routes.");
            return null;
        }

        if (routes.Count > MaxRoutes)
        {
            v.Add("routes", $"An agent serves at most {MaxRoutes} routes.");
            return null;
        }

        var valid = new List<string>();
        foreach (var route in routes)
        {
            if (v.Text("routes", route, 50, required: true) is { Length: > 0 } name && !valid.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                valid.Add(name);
            }
        }

        return valid;
    }

    /// <summary>An agent's routes, each as the list names it; one not on the list is a field error and nothing is written.</summary>
    private static async Task SetRoutesAsync(DashboardDbContext db, string userId, IReadOnlyList<string> routes, CancellationToken ct)
    {
        var v = new Validation();
        var listed = new List<string>();
        foreach (var route in routes)
        {
            if (await DeliveryRoutes.RouteNames.ResolveAsync(db, v, "routes", route, ct) is { } name && !listed.Contains(name, StringComparer.Ordinal))
            {
                listed.Add(name);
            }
        }

        v.ThrowIfInvalid();
        await db.AgentRoutes.Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);
        db.AgentRoutes.AddRange(listed.Select(r => new AgentRouteEntity { UserId = userId, Route = r }));
        await db.SaveChangesAsync(ct);
    }

    private static string? ValidRole(Validation v, string? value, bool required)
    {
        if (value is null && !required)
        {
            return null;
        }

        var role = Roles.Normalize(value);
        if (role is null)
        {
            v.Add("role", $"Role must be one of {string.Join(", ", Roles.All)}.");
        }

        return role;
    }

    private static void CheckLink(Validation v, string role, Guid? customerId)
    {
        if (role == Roles.Customer && customerId is null)
        {
            v.Add("customerId", "Customer is required for a Customer user.");
        }
        else if (role != Roles.Customer && customerId is not null)
        {
            v.Add("customerId", "Only Customer users are linked to a customer.");
        }
    }

    /// <summary>Identity's password rules, checked before anything is written, as field messages.</summary>
    private static async Task CheckPasswordAsync(UserManager<AppUser> users, AppUser user, string password)
    {
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            problems.AddRange(result.Errors.Select(e => e.Description));
        }

        if (problems.Count > 0)
        {
            throw new DomainException(ErrorCodes.ValidationFailed, string.Join(" ", problems),
                new Dictionary<string, string[]>(StringComparer.Ordinal) { ["password"] = [.. problems] });
        }
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
