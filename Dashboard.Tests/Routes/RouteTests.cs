using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.DeliveryRoutes;
using Dashboard.Domain.Events;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Users;
using Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Routes;

/// <summary>
/// Issue 15: "a route is free text, so `jayanagar ` made a sixth route — routes become a managed list". Customers and
/// agents go on listed routes only, however the name is typed; a route is added, renamed (its customers and agents
/// move with it) and removed once nobody is on it.
/// </summary>
public sealed class RouteTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    private RouteService Routes => _h.Get<RouteService>();

    private UserService Users => _h.Services.CreateScope().ServiceProvider.GetRequiredService<UserService>();

    public async Task InitializeAsync() => _h = await DomainHarness.StartAsync(configure: services =>
        services.AddIdentityCore<AppUser>(o => o.User.RequireUniqueEmail = true).AddRoles<IdentityRole>().AddEntityFrameworkStores<DashboardDbContext>());

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<Customer> Create(string name, string? route) =>
        _h.Customers.CreateAsync(DomainHarness.Admin, new CreateCustomer(name, "+91 98450 11111", "Somewhere", route, 1m, 60m, true));

    [Fact]
    public async Task A_route_typed_in_another_case_or_with_spaces_is_the_listed_one_and_an_unlisted_one_is_refused_in_words()
    {
        await Routes.CreateAsync(DomainHarness.Admin, new CreateRoute("Jayanagar"));
        await Routes.CreateAsync(DomainHarness.Staff, new CreateRoute("Basavanagudi"));

        Assert.Equal("Jayanagar", (await Create("Typed Twice", "jayanagar ")).Route);
        Assert.Equal("Jayanagar", (await Create("Shouted", "  JAYANAGAR")).Route);
        var refused = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Create("Misspelt", "Jaynagar"));
        Assert.Equal(["route"], refused.Errors.Keys);
        Assert.Equal("\"Jaynagar\" is not one of the routes (Basavanagudi, Jayanagar); add it under Routes first.", refused.Errors["route"][0]);

        var someone = await Create("No Route Yet", null);
        var moved = await _h.Customers.UpdateAsync(DomainHarness.Staff, someone.Id, new UpdateCustomer(null, null, null, "basavanagudi", null, null, null, null));
        Assert.Equal("Basavanagudi", moved.Route);
        await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () =>
            _h.Customers.UpdateAsync(DomainHarness.Staff, someone.Id, new UpdateCustomer(null, null, null, "Elsewhere", null, null, null, null)));
        Assert.Equal(["Basavanagudi", "Jayanagar"], await _h.Customers.RoutesAsync(DomainHarness.Staff));

        var listed = await Routes.ListAsync(DomainHarness.Admin);
        Assert.Equal([("Basavanagudi", 1), ("Jayanagar", 2)], listed.Select(r => (r.Name, r.Customers)));
    }

    [Fact]
    public async Task A_name_already_listed_in_any_case_is_a_conflict_and_a_blank_one_a_field_error()
    {
        await Routes.CreateAsync(DomainHarness.Admin, new CreateRoute("Jayanagar"));
        var taken = await Assert.ThrowsAsync<DomainException>(() => Routes.CreateAsync(DomainHarness.Admin, new CreateRoute(" jayanagar ")));
        Assert.Equal(ErrorCodes.Conflict, taken.Code);
        var blank = await Assert.ThrowsAsync<DomainException>(() => Routes.CreateAsync(DomainHarness.Admin, new CreateRoute("  ")));
        Assert.Equal(["name"], blank.Errors.Keys);
        await Assert.ThrowsAsync<DomainException>(() => Routes.CreateAsync(DomainHarness.Delivery, new CreateRoute("Mine")));
        Assert.Single(await Routes.ListAsync(DomainHarness.Admin));
    }

    [Fact]
    public async Task Renaming_a_route_moves_its_customers_and_agents_and_signs_the_agents_in_again()
    {
        var route = await Routes.CreateAsync(DomainHarness.Admin, new CreateRoute("Jaya Nagar"));
        await Routes.CreateAsync(DomainHarness.Admin, new CreateRoute("Other"));
        var first = await Create("First", "Jaya Nagar");
        var second = await Create("Second", "Jaya Nagar");
        var elsewhere = await Create("Elsewhere", "Other");
        var agentId = await AgentAsync("Jaya Nagar");
        string stamp;
        await using (var db = _h.Db())
        {
            stamp = (await db.Users.SingleAsync(u => u.Id == agentId)).SecurityStamp!;
        }

        var changes = new List<CustomerChanged>();
        var users = new List<UserChanged>();
        using var a = _h.Get<IEventAggregator>().Subscribe<CustomerChanged>(e => { changes.Add(e); return Task.CompletedTask; });
        using var b = _h.Get<IEventAggregator>().Subscribe<UserChanged>(e => { users.Add(e); return Task.CompletedTask; });

        var renamed = await Routes.RenameAsync(DomainHarness.Staff, route.Id, new RenameRoute("Jayanagar"));
        Assert.Equal(("Jayanagar", 2, "Ramesh"), (renamed.Name, renamed.Customers, string.Join(",", renamed.Agents)));

        Assert.Equal("Jayanagar", (await _h.Customers.GetAsync(DomainHarness.Admin, first.Id)).Route);
        Assert.Equal("Jayanagar", (await _h.Customers.GetAsync(DomainHarness.Admin, second.Id)).Route);
        Assert.Equal("Other", (await _h.Customers.GetAsync(DomainHarness.Admin, elsewhere.Id)).Route);
        await Eventually.TrueAsync(() => changes.Count == 2 && users.Count == 1, "two customers and one agent announced");
        Assert.All(changes, c => Assert.Equal("Jaya Nagar", c.PreviousRoute));
        Assert.Equal(["Jayanagar"], users[0].User.Routes);
        await using (var db = _h.Db())
        {
            Assert.Equal(["Jayanagar"], await db.AgentRoutes.Where(r => r.UserId == agentId).Select(r => r.Route).ToListAsync());
            Assert.NotEqual(stamp, (await db.Users.SingleAsync(u => u.Id == agentId)).SecurityStamp);
            Assert.True(await db.Activity.AnyAsync(x => x.Action == "route.renamed" && x.Summary == "Renamed route Jaya Nagar to Jayanagar (2 customers moved with it)"));
        }

        var clash = await Assert.ThrowsAsync<DomainException>(() => Routes.RenameAsync(DomainHarness.Staff, route.Id, new RenameRoute("OTHER")));
        Assert.Equal(ErrorCodes.Conflict, clash.Code);
    }

    [Fact]
    public async Task A_route_with_customers_or_agents_is_not_removed_and_an_empty_one_is()
    {
        var used = await Routes.CreateAsync(DomainHarness.Admin, new CreateRoute("Used"));
        var served = await Routes.CreateAsync(DomainHarness.Admin, new CreateRoute("Served"));
        var empty = await Routes.CreateAsync(DomainHarness.Admin, new CreateRoute("Empty"));
        await Create("On It", "Used");
        await AgentAsync("Served");

        var inUse = await _h.AssertRejectedAsync(ErrorCodes.Conflict, () => Routes.DeleteAsync(DomainHarness.Admin, used.Id));
        Assert.Equal("Route Used still has 1 customer: move them to another route first.", inUse.Message);
        var agent = await _h.AssertRejectedAsync(ErrorCodes.Conflict, () => Routes.DeleteAsync(DomainHarness.Admin, served.Id));
        Assert.Equal("Route Served still has agent Ramesh: move them to another route first.", agent.Message);
        await Routes.DeleteAsync(DomainHarness.Admin, empty.Id);
        await _h.AssertRejectedAsync(ErrorCodes.NotFound, () => Routes.DeleteAsync(DomainHarness.Admin, empty.Id));
        Assert.Equal(["Served", "Used"], (await Routes.ListAsync(DomainHarness.Admin)).Select(r => r.Name));
    }

    [Fact]
    public async Task An_agent_is_put_on_listed_routes_only()
    {
        await Routes.CreateAsync(DomainHarness.Admin, new CreateRoute("North"));
        var refused = await Assert.ThrowsAsync<DomainException>(() => Users.CreateAsync(DomainHarness.Admin,
            new CreateUser("nowhere@test.local", "Pw1!long-enough-pass", Roles.Delivery, null, "Nowhere Nitin", ["north", "Nowhere"])));
        Assert.Equal(["routes"], refused.Errors.Keys);
        await using (var db = _h.Db())
        {
            Assert.False(await db.Users.AnyAsync(u => u.Email == "nowhere@test.local"));
        }

        var agent = await Users.CreateAsync(DomainHarness.Admin, new CreateUser("north@test.local", "Pw1!long-enough-pass", Roles.Delivery, null, "North Neha", [" NORTH"]));
        Assert.Equal(["North"], agent.Routes);
    }

    /// <summary>An agent named Ramesh on <paramref name="route"/>, made through the users service as the Users page does.</summary>
    private async Task<string> AgentAsync(string route)
    {
        var user = await Users.CreateAsync(DomainHarness.Admin,
            new CreateUser($"ramesh-{Guid.NewGuid():N}@test.local", "Pw1!long-enough-pass", Roles.Delivery, null, "Ramesh", [route]));
        return user.Id;
    }
}

/// <summary>Migration 0020: the list starts as the routes a database already had, one per spelling, and customers are written as listed.</summary>
public sealed class RouteMigrationTests
{
    private const string RoutesSchema = "20261204000020_Routes";

    [Fact]
    public async Task A_database_with_free_text_routes_gets_one_listed_route_per_area_named_as_most_wrote_it()
    {
        await using var h = await DomainHarness.StartAsync(initialize: false);
        await using (var db = h.Db())
        {
            var known = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(known[known.IndexOf(RoutesSchema) - 1]);
        }

        await using (var connection = new SqliteConnection(h.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO Customers (Id, Name, Route, DefaultQuantity, PricePerLiter, IsActive, CreatedAt, UpdatedAt, Version) VALUES
                ('0193A1B2-C3D4-7E5F-8A6B-000000000021', 'One', 'Jayanagar', '1.0', '56.0', 1, '2026-12-01 04:00:00', '2026-12-01 04:00:00', 1),
                ('0193A1B2-C3D4-7E5F-8A6B-000000000022', 'Two', 'Jayanagar', '1.0', '56.0', 1, '2026-12-01 04:00:00', '2026-12-01 04:00:00', 1),
                ('0193A1B2-C3D4-7E5F-8A6B-000000000023', 'Three', 'jayanagar ', '1.0', '56.0', 1, '2026-12-01 04:00:00', '2026-12-01 04:00:00', 1),
                ('0193A1B2-C3D4-7E5F-8A6B-000000000024', 'Four', 'Basavanagudi', '1.0', '56.0', 0, '2026-12-01 04:00:00', '2026-12-01 04:00:00', 1),
                ('0193A1B2-C3D4-7E5F-8A6B-000000000025', 'Five', '  ', '1.0', '56.0', 1, '2026-12-01 04:00:00', '2026-12-01 04:00:00', 1);
                INSERT INTO AspNetUsers (Id, DisplayName, CreatedAt, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
                VALUES ('old-agent', 'Old Agent', '2026-12-01 04:00:00', 1, 0, 0, 1, 0);
                INSERT INTO AgentRoutes (UserId, Route) VALUES ('old-agent', 'jayanagar');
                """;
            Assert.Equal(7, await insert.ExecuteNonQueryAsync());
        }

        await h.Get<DatabaseInitializer>().InitializeAsync();

        var routes = await h.Get<RouteService>().ListAsync(DomainHarness.Admin);
        Assert.Equal([("Basavanagudi", 1, 0, ""), ("Jayanagar", 3, 3, "Old Agent")],
            routes.Select(r => (r.Name, r.Customers, r.ActiveCustomers, string.Join(",", r.Agents))));
        await using (var db = h.Db())
        {
            Assert.Equal("Jayanagar", (await db.AgentRoutes.SingleAsync(r => r.UserId == "old-agent")).Route);
        }

        var three = await h.Customers.GetAsync(DomainHarness.Admin, Guid.Parse("0193a1b2-c3d4-7e5f-8a6b-000000000023"));
        Assert.Equal("Jayanagar", three.Route);
        Assert.Null((await h.Customers.GetAsync(DomainHarness.Admin, Guid.Parse("0193a1b2-c3d4-7e5f-8a6b-000000000025"))).Route);
    }
}
