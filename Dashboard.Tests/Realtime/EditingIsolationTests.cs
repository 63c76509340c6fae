using Dashboard.Domain.Common;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Realtime;

/// <summary>
/// Who hears an editing indicator (seed 002's <c>activity:typing</c>), over both hubs: staff; the customer it is about;
/// the agents of that customer's route — never another customer or another route's agent; and what is refused.
/// </summary>
public sealed class EditingIsolationTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);

    [Theory]
    [InlineData("signalr")]
    [InlineData("socket.io")]
    public async Task An_indicator_reaches_staff_the_customer_and_their_route_s_agent_and_nobody_else(string transport)
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var a = await ApiScenario.CreateCustomerAsync(admin, $"Edit A {tag}", route: $"East-{tag}");
        var b = await ApiScenario.CreateCustomerAsync(admin, $"Edit B {tag}", route: $"West-{tag}");
        var (emailA, passwordA) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, a);
        var (emailB, passwordB) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, b);
        var (eastEmail, eastPassword) = await ApiScenario.CreateUserAsync(admin, Roles.Delivery, routes: [$"East-{tag}"]);
        var (westEmail, westPassword) = await ApiScenario.CreateUserAsync(admin, Roles.Delivery, routes: [$"West-{tag}"]);
        var (staffEmail, staffPassword) = await ApiScenario.CreateUserAsync(admin, Roles.Staff);
        await using var staff = await BothTransports.ConnectAsync(app, transport, staffEmail, staffPassword);
        await using var owner = await BothTransports.ConnectAsync(app, transport, DashboardApp.AdminEmail, app.AdminPassword);
        await using var customerA = await BothTransports.ConnectAsync(app, transport, emailA, passwordA);
        await using var customerB = await BothTransports.ConnectAsync(app, transport, emailB, passwordB);
        await using var east = await BothTransports.ConnectAsync(app, transport, eastEmail, eastPassword);
        await using var west = await BothTransports.ConnectAsync(app, transport, westEmail, westPassword);

        var entity = $"customer:{a}";
        var said = await BothTransports.CallAsync(staff, "activity:typing", new { entity, action = "editing", user = new { id = "someone-else", name = "Not me" } });
        Assert.Null(said.ErrorCode());
        foreach (var client in new[] { owner, customerA, east })
        {
            var heard = (await client.WaitForEventAsync("activity:typing", t => t[0].GetProperty("entity").GetString() == entity))[0];
            Assert.NotEqual("Not me", heard.GetProperty("user").GetProperty("name").GetString()); // the token says who
            Assert.Equal(10_000, heard.GetProperty("expiresInMs").GetInt32());
        }

        await BothTransports.CallAsync(staff, "activity:stop-typing", new { entity });
        await owner.WaitForEventAsync("activity:stop-typing", t => t[0].GetProperty("entity").GetString() == entity);
        await customerA.WaitForEventAsync("activity:stop-typing", t => t[0].GetProperty("entity").GetString() == entity);

        // A payment draft is staff's and the route's business, not the customer's.
        await BothTransports.CallAsync(staff, "activity:typing", new { entity = $"payment:{a}" });
        await east.WaitForEventAsync("activity:typing", t => t[0].GetProperty("entity").GetString() == $"payment:{a}");

        await customerB.AssertNoEventAsync("activity:typing", null, Quiet);
        await west.AssertNoEventAsync("activity:typing", null, TimeSpan.Zero);
        await customerA.AssertNoEventAsync("activity:typing", t => t[0].GetProperty("entity").GetString() == $"payment:{a}", TimeSpan.Zero);

        // Refused, and nothing sent: another customer's record, another route's, an entity that is not one.
        Assert.Equal("FORBIDDEN", (await BothTransports.CallAsync(customerB, "activity:typing", new { entity })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await BothTransports.CallAsync(west, "activity:typing", new { entity })).ErrorCode());
        Assert.Equal("VALIDATION_FAILED", (await BothTransports.CallAsync(staff, "activity:typing", new { entity = "purchase:42" })).ErrorCode());
        Assert.Equal("NOT_FOUND", (await BothTransports.CallAsync(staff, "activity:typing", new { entity = $"customer:{Guid.NewGuid()}" })).ErrorCode());
        await owner.AssertNoEventAsync("activity:typing", t => t[0].GetProperty("user").GetProperty("name").GetString() != "Administrator"
            && t[0].GetProperty("entity").GetString() != entity && t[0].GetProperty("entity").GetString() != $"payment:{a}", Quiet);
    }
}
