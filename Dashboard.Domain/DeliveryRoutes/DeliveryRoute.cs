using Dashboard.Domain.Common;
using Dashboard.Domain.Events;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.DeliveryRoutes;

/// <summary>
/// A route of the business: the managed list customers and agents are put on (issue 15: a route typed as free text
/// made "jayanagar " a sixth route). Customers and agents keep the route's name; a rename moves them all.
/// </summary>
/// <param name="Customers">Customers on the route, active or not.</param>
/// <param name="ActiveCustomers">Of those, the active ones (on the day sheets).</param>
/// <param name="Agents">The delivery agents who serve it, by name.</param>
public sealed record DeliveryRoute(int Id, string Name, int Customers, int ActiveCustomers, IReadOnlyList<string> Agents);

public sealed record CreateRoute(string? Name);

public sealed record RenameRoute(string? Name);

/// <summary>A route was added, renamed (<paramref name="PreviousName"/>) or removed.</summary>
public sealed record RouteChanged(int Id, string Name, string? PreviousName, bool Removed) : IDomainEvent
{
    public Guid? CustomerId => null;
}

public sealed class RouteEntity
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Trimmed, lower case: one route however it is typed (as migration 0020 wrote the first ones).</summary>
    public string NormalizedName { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public static string Normalize(string name) => name.Trim().ToLowerInvariant();
}

/// <summary>A route named in a command, checked against the list: "jayanagar " is Jayanagar, "Jaynagar" is a field error.</summary>
public static class RouteNames
{
    public const int MaxLength = 50;

    /// <summary>The list's spelling of <paramref name="typed"/>, or a field error naming the routes there are.</summary>
    public static async Task<string?> ResolveAsync(DashboardDbContext db, Validation v, string field, string? typed, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var normalized = RouteEntity.Normalize(typed);
        var name = await db.Routes.AsNoTracking().Where(r => r.NormalizedName == normalized).Select(r => r.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            var known = await db.Routes.AsNoTracking().OrderBy(r => r.NormalizedName).Select(r => r.Name).Take(12).ToListAsync(ct);
            v.Add(field, known.Count == 0
                ? $"There are no routes yet: add \"{typed.Trim()}\" under Routes first."
                : $"\"{typed.Trim()}\" is not one of the routes ({string.Join(", ", known)}{(known.Count == 12 ? ", …" : "")}); add it under Routes first.");
        }

        return name;
    }
}
