using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Notifications;

public enum Audience
{
    /// <summary>Every active Admin and Staff user.</summary>
    Staff,

    /// <summary>The active users linked to one customer (none: the customer has no app, and gets no rows).</summary>
    Customer,

    /// <summary>One user (an agent).</summary>
    User,

    /// <summary>Every active user linked to a customer (a new offer).</summary>
    EveryCustomer,
}

/// <summary>Who a rule tells.</summary>
public sealed record Recipients(Audience Audience, Guid? CustomerId = null, string? UserId = null)
{
    public static Recipients Staff { get; } = new(Audience.Staff);

    public static Recipients EveryCustomer { get; } = new(Audience.EveryCustomer);

    public static Recipients Customer(Guid customerId) => new(Audience.Customer, CustomerId: customerId);

    public static Recipients User(string userId) => new(Audience.User, UserId: userId);

    /// <summary>
    /// The user ids, read in the write's own transaction (a user created earlier in the same batch counts). Disabled users
    /// are left out. Each is one indexed query; a customer's is the one that runs on every payment, so it is compiled.
    /// </summary>
    public async Task<IReadOnlyList<string>> ResolveAsync(DashboardDbContext db, CancellationToken ct)
    {
        var users = Audience switch
        {
            Audience.Customer => await ListAsync(OfCustomer(db, CustomerId!.Value), ct),
            Audience.User => await db.Users.Where(u => u.Id == UserId).Select(u => new Candidate(u.Id, u.LockoutEnd)).ToListAsync(ct),
            Audience.EveryCustomer => await db.Users.Where(u => u.CustomerId != null).Select(u => new Candidate(u.Id, u.LockoutEnd)).ToListAsync(ct),
            _ => await (from u in db.Users
                        join ur in db.UserRoles on u.Id equals ur.UserId
                        join r in db.Roles on ur.RoleId equals r.Id
                        where r.Name == Roles.Admin || r.Name == Roles.Staff
                        select new Candidate(u.Id, u.LockoutEnd)).ToListAsync(ct),
        };
        return [.. users.Where(u => !UserRules.IsDisabled(u.LockoutEnd)).Select(u => u.Id).Distinct()];
    }

    // Only Customer users carry a customer link (UserService refuses it for any other role).
    private static readonly Func<DashboardDbContext, Guid, IAsyncEnumerable<Candidate>> OfCustomer =
        EF.CompileAsyncQuery((DashboardDbContext db, Guid customerId) =>
            db.Users.Where(u => u.CustomerId == customerId).Select(u => new Candidate(u.Id, u.LockoutEnd)));

    private static async Task<List<Candidate>> ListAsync(IAsyncEnumerable<Candidate> rows, CancellationToken ct)
    {
        var list = new List<Candidate>();
        await foreach (var row in rows.WithCancellation(ct))
        {
            list.Add(row);
        }

        return list;
    }

    private sealed record Candidate(string Id, DateTimeOffset? LockoutEnd);
}
