using System.Text.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Realtime.SocketIO;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Realtime;

/// <summary>Seed 004's live user tracking: an app says where it is, staff see it live on both transports and in the browser.</summary>
public sealed class LiveUsersTests(DashboardApp app, BrowserFixture browser) : IClassFixture<DashboardApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_app_that_navigates_shows_on_the_users_page_and_reaches_staff_on_both_transports_and_leaving_removes_it()
    {
        using var admin = await app.AdminClientAsync();
        var (staffEmail, staffPassword) = await ApiScenario.CreateUserAsync(admin, "Staff");
        var (agentId, agentEmail, agentPassword) = await ApiScenario.CreateUserWithIdAsync(admin, "Delivery");
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.GetByTestId("nav-users").ClickAsync();
        var agentRow = page.GetByTestId("online-users").Locator($"[data-user-id='{agentId}']");

        var (staffHub, _) = await HubScenario.ConnectAsync(app, staffEmail, staffPassword);
        var (staffSocket, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword, ns: "/admin");
        await using (staffHub)
        await using (staffSocket)
        {
            await BothTransports.JoinDashboardAsync(staffHub);
            await BothTransports.JoinDashboardAsync(staffSocket);
            var (agent, _) = await SocketIOScenario.ConnectAsync(app, agentEmail, agentPassword);
            await using (agent)
            {
                var ack = (await agent.EmitWithAckAsync("page:navigate", new { path = "/orders/42?search=private" }))[0];
                Assert.Equal("/orders/42", ack.GetProperty("path").GetString());

                await Assertions.Expect(agentRow.GetByTestId("online-page")).ToHaveTextAsync("/orders/42", new() { Timeout = 5_000 });
                await Assertions.Expect(agentRow.GetByTestId("online-transport")).ToHaveTextAsync("socket.io");
                foreach (var staff in new NodeClient[] { staffHub, staffSocket })
                {
                    var update = await staff.WaitForEventAsync("live-users-update", x => Entry(x, agentId) is { } e && e.GetProperty("page").GetString() == "/orders/42");
                    var entry = Entry(update, agentId)!.Value;
                    Assert.Equal("delivery", entry.GetProperty("role").GetString());
                    Assert.Equal(("app", "socket.io"), (entry.GetProperty("client").GetProperty("kind").GetString(), entry.GetProperty("client").GetProperty("transport").GetString()));
                    Assert.False(string.IsNullOrEmpty(entry.GetProperty("user").GetProperty("name").GetString()));
                    Assert.True(entry.GetProperty("lastSeen").GetDateTime() >= entry.GetProperty("since").GetDateTime());
                    // Browser tabs are in the same list: the admin's Users page.
                    Assert.Contains(update[0].EnumerateArray(), e => e.GetProperty("client").GetProperty("kind").GetString() == "browser"
                        && e.GetProperty("page").GetString() == "/users");
                }

                // Moving again: a later update has the new screen.
                await agent.EmitWithAckAsync("page:navigate", new { path = "OrderDetails" });
                await staffHub.WaitForEventAsync("live-users-update", x => Entry(x, agentId) is { } e && e.GetProperty("page").GetString() == "OrderDetails");
                await Assertions.Expect(agentRow.GetByTestId("online-page")).ToHaveTextAsync("OrderDetails", new() { Timeout = 5_000 });
            }

            var seen = staffHub.Events.Count;
            await staffHub.WaitForEventAsync("live-users-update", x => Entry(x, agentId) is null && staffHub.Events.Count > seen);
            await staffSocket.WaitForEventAsync("live-users-update", x => Entry(x, agentId) is null);
            await Assertions.Expect(agentRow).ToHaveCountAsync(0, new() { Timeout = 5_000 });
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_heartbeat_moves_an_apps_last_seen_over_rest_and_on_the_users_page()
    {
        using var admin = await app.AdminClientAsync();
        var (agentId, agentEmail, agentPassword) = await ApiScenario.CreateUserWithIdAsync(admin, "Delivery");
        var page = await browser.SignedInPageAsync(app.BaseAddress, DashboardApp.AdminEmail, app.AdminPassword);
        await page.GetByTestId("nav-users").ClickAsync();
        var (agent, _) = await SocketIOScenario.ConnectAsync(app, agentEmail, agentPassword);
        await using (agent)
        {
            async Task<DateTime> LastSeenAsync() => (await ApiAssert.Json(await admin.GetAsync("/api/v1/realtime/connections")))
                .EnumerateArray().Single(c => c.GetProperty("id").GetString() == agent.SocketId).GetProperty("lastSeen").GetDateTime();

            var connected = await LastSeenAsync();
            var seen = page.GetByTestId("online-users").Locator($"[data-user-id='{agentId}']").GetByTestId("online-last-seen");
            // Quiet, the app's last seen stays where it was and the page counts up from it.
            await Assertions.Expect(seen).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^seen ([3-9]|1[0-9]) s ago$"), new() { Timeout = 15_000 });
            Assert.Equal(connected, await LastSeenAsync());

            Assert.Null((await agent.EmitWithAckAsync("heartbeat", new { }))[0].ErrorCode());
            Assert.True(await LastSeenAsync() > connected);
            await Assertions.Expect(seen).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^seen [0-6] s ago$"), new() { Timeout = 10_000 });
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_reconnect_storm_reaches_staff_as_a_few_updates_not_one_per_connection()
    {
        var (staff, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (staff)
        {
            await BothTransports.JoinDashboardAsync(staff);
            await Task.Delay(LiveUsersFeedInterval * 2); // the staff client's own arrival has gone out
            var before = staff.Events.Count(e => e.Name == "live-users-update");
            var registry = app.Services.GetRequiredService<Dashboard.Realtime.ConnectionRegistry>();
            var storm = Enumerable.Range(0, 200).Select(i => $"storm-{Guid.NewGuid():N}").ToList();
            foreach (var id in storm)
            {
                registry.Add(id, "socket.io", new Dashboard.Domain.Common.Actor($"storm-user-{id}", "Storm", "Customer", Dashboard.Domain.Common.Channel.SocketIo), []);
            }

            await staff.WaitForEventAsync("live-users-update", x => x[0].EnumerateArray().Count(e => e.GetProperty("user").GetProperty("id").GetString()!.StartsWith("storm-user-", StringComparison.Ordinal)) == 200);
            static bool Calm(JsonElement[] x) => !x[0].EnumerateArray().Any(e => e.GetProperty("user").GetProperty("id").GetString()!.StartsWith("storm-user-", StringComparison.Ordinal));
            var calm = staff.Events.Count(e => e.Name == "live-users-update" && Calm(e.Args));
            foreach (var id in storm)
            {
                registry.Remove(id);
            }

            await staff.WaitForEventCountAsync("live-users-update", Calm, calm + 1);
            // 400 arrivals and departures; a handful of updates (each at least 250 ms after the last).
            var updates = staff.Events.Count(e => e.Name == "live-users-update") - before;
            Assert.InRange(updates, 2, 8);
        }
    }

    private static readonly TimeSpan LiveUsersFeedInterval = Dashboard.Users.LiveUsersFeed.Interval;

    public static TheoryData<string> Transports() => new() { "signalr", "socket.io" };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_path_that_is_not_a_path_is_refused_with_an_error_and_the_page_stays(string transport)
    {
        using var admin = await app.AdminClientAsync();
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Customer", await ApiScenario.CreateCustomerAsync(admin, $"Navigator {transport}"));
        await using var client = await BothTransports.ConnectAsync(app, transport, email, password);
        await BothTransports.CallAsync(client, "page:navigate", new { path = "/offers" });

        foreach (var bad in new object[] { new { path = "<script>alert(1)</script>" }, new { path = new string('a', 201) }, new { path = "" },
            new { path = 5 }, new { path = "/a b" } })
        {
            var answer = await BothTransports.CallAsync(client, "page:navigate", bad);
            Assert.Equal("VALIDATION_FAILED", answer.ErrorCode());
        }

        var error = (await client.WaitForEventAsync("error"))[0];
        Assert.Equal("VALIDATION_FAILED", error.GetProperty("code").GetString());
        Assert.Contains("path", error.GetProperty("message").GetString());
        var registry = app.Services.GetRequiredService<Dashboard.Realtime.ConnectionRegistry>();
        var userId = await Browser.UserSteps.UserIdAsync(app, email);
        Assert.Equal("/offers", Assert.Single(registry.Snapshot(), c => c.UserId == userId).Page);
    }

    /// <summary>The update's entry for one user's app connection, if the list has one.</summary>
    private static JsonElement? Entry(JsonElement[] args, string userId) => args.Length > 0 && args[0].ValueKind == JsonValueKind.Array
        ? args[0].EnumerateArray().Where(e => e.GetProperty("user").GetProperty("id").GetString() == userId
            && e.GetProperty("client").GetProperty("kind").GetString() == "app").Cast<JsonElement?>().FirstOrDefault()
        : null;
}
