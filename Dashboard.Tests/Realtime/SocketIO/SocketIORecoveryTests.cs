using System.Net.Http.Json;
using Dashboard.Realtime;
using Dashboard.Realtime.SocketIO;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Realtime.SocketIO;

/// <summary>
/// Connection state recovery with the official client: an app whose transport drops comes back with its pid and offset,
/// keeps its socket id and rooms, and gets what it missed from the event log, in order and once, before anything new.
/// </summary>
public sealed class SocketIORecoveryTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task An_app_whose_transport_drops_gets_the_50_payments_it_missed_in_order_and_once_then_new_ones()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Recovery Fifty");
        var token = await app.TokenAsync(DashboardApp.AdminEmail, app.AdminPassword);
        await using var client = await SocketIOClient.ConnectAsync(app.BaseAddress, token, reconnect: true, reconnectDelay: TimeSpan.FromSeconds(8));
        Assert.True(client.Connected, client.ConnectErrorMessage);
        Assert.False(client.Recovered);
        Assert.NotNull(client.Pid);
        var sid = client.SocketId;
        var before = await RecoveryScenario.PayAsync(admin, customer);
        await client.WaitForEventAsync("payment:added", x => x.Is("id", before));
        var metrics = app.Services.GetRequiredService<RealtimeMetrics>();
        var (recovered, replayed) = (metrics.Recovered, metrics.ReplayedEvents);

        await client.CloseTransportAsync(hold: false);
        var missed = await RecoveryScenario.PayManyAsync(admin, customer, 50);
        await client.WaitReconnectedAsync(TimeSpan.FromSeconds(30));

        Assert.True(client.Recovered, "socket.recovered");
        Assert.Equal(sid, client.SocketId);
        var after = await RecoveryScenario.PayAsync(admin, customer);
        await RecoveryScenario.AssertReceivedExactlyOnceInOrderAsync(client, [before, .. missed, after]);
        Assert.Equal(recovered + 1, metrics.Recovered);
        // All 50 were recorded while the app was away (not live after an early reconnect): they came from the log.
        Assert.True(metrics.ReplayedEvents - replayed >= 50, $"{metrics.ReplayedEvents - replayed} events replayed");
    }

    [Fact]
    public async Task Payments_recorded_all_through_a_drop_and_a_recovery_arrive_once_each_in_order()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Recovery Switch");
        var (client, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (client)
        {
            // Writes never stop: some reach the app live before the drop, some are replayed, and some are broadcast while
            // the replay runs — those must wait for it, and not come a second time.
            var writing = RecoveryScenario.PayManyAsync(admin, customer, 80);
            await client.WaitForEventAsync("payment:added");
            await client.CloseTransportAsync(hold: true);
            await Task.Delay(300);
            Assert.True(await client.ConnectAgainAsync(), client.ConnectErrorMessage);
            Assert.True(client.Recovered, "socket.recovered");
            var all = await writing;
            await RecoveryScenario.AssertReceivedExactlyOnceInOrderAsync(client, all);
        }
    }

    [Fact]
    public async Task An_offset_the_log_no_longer_covers_gets_a_fresh_session()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Recovery Pruned");
        var (client, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (client)
        {
            var seen = await RecoveryScenario.PayAsync(admin, customer);
            await client.WaitForEventAsync("payment:added", x => x.Is("id", seen));
            await client.CloseTransportAsync(hold: true);
            await RecoveryScenario.PayManyAsync(admin, customer, 2);
            // As retention pruning does when everything is old: all but the newest entry go, those after the offset too.
            await using (var db = app.Db())
            {
                var newest = await db.EventLog.MaxAsync(e => e.Position);
                await db.EventLog.Where(e => e.Position < newest).ExecuteDeleteAsync();
            }

            Assert.True(await client.ConnectAgainAsync(), client.ConnectErrorMessage);
            Assert.False(client.Recovered, "socket.recovered");
        }
    }

    [Fact]
    public async Task A_customers_app_recovers_only_its_own_customers_events()
    {
        using var admin = await app.AdminClientAsync();
        var (client, customerA, _, _) = await SocketIOScenario.ConnectCustomerAsync(app, admin, "Recovery Customer A");
        var customerB = await ApiScenario.CreateCustomerAsync(admin, "Recovery Customer B");
        await using (client)
        {
            Assert.NotNull(client.Pid);
            await client.CloseTransportAsync(hold: true);
            var forA = new List<Guid>();
            var forB = new List<Guid>();
            for (var i = 0; i < 10; i++)
            {
                forA.Add(await RecoveryScenario.PayAsync(admin, customerA, 5 + i));
                forB.Add(await RecoveryScenario.PayAsync(admin, customerB, 5 + i));
            }

            Assert.True(await client.ConnectAgainAsync(), client.ConnectErrorMessage);
            Assert.True(client.Recovered, "socket.recovered");
            await RecoveryScenario.AssertReceivedExactlyOnceInOrderAsync(client, forA);
            await client.WaitForEventAsync("balance:updated", x => x.Is("customerId", customerA));
            await client.AssertNoEventAsync("payment:added", x => forB.Contains(x[0].GetProperty("id").GetGuid()), TimeSpan.FromSeconds(1));
            await client.AssertNoEventAsync("balance:updated", x => x.Is("customerId", customerB), TimeSpan.Zero);
        }
    }

    [Theory]
    [InlineData(RealtimeCore.JoinOrder, "orderId", "ord-recovery-1", "order:ord-recovery-1", "/")]
    [InlineData(RealtimeCore.JoinRoom, "room", "order:ord-recovery-2", "order:ord-recovery-2", "/")]
    [InlineData(RealtimeCore.JoinOrder, "orderId", "ord-recovery-3", "order:ord-recovery-3", SocketIOEndpoint.AdminNamespace)]
    public async Task A_room_joined_after_connect_is_restored(string command, string property, string value, string room, string ns)
    {
        var (client, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword, ns: ns);
        await using (client)
        {
            await client.EmitWithAckAsync(command, new Dictionary<string, string> { [property] = value });
            var endpoint = app.Services.GetRequiredService<SocketIOEndpoint>();
            var main = ns == "/" ? endpoint.Main : endpoint.Admin;
            Assert.Equal(1, main.RoomSize(room));

            await client.CloseTransportAsync(hold: true);
            // The server sees the transport close a moment after the client does: the room empties with it.
            for (var i = 0; i < 50 && main.RoomSize(room) > 0; i++)
            {
                await Task.Delay(100);
            }

            Assert.Equal(0, main.RoomSize(room));
            Assert.True(await client.ConnectAgainAsync(), client.ConnectErrorMessage);

            Assert.True(client.Recovered, "socket.recovered");
            var socket = Assert.Single(main.Sockets, s => s.Id == client.SocketId);
            Assert.True(socket.InRoom(room));
        }
    }

    [Fact]
    public async Task Restored_rooms_are_checked_again_against_what_the_user_may_join_now()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Demoted Staff's Account");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Staff");
        var (client, _) = await SocketIOScenario.ConnectAsync(app, email, password);
        await using (client)
        {
            await client.EmitWithAckAsync(RealtimeCore.JoinOrder, new { orderId = "ord-demoted" });
            await client.CloseTransportAsync(hold: true);
            var userId = (await client.WaitForEventAsync("connected"))[0].GetProperty("userId").GetString();
            await ApiAssert.Json(await admin.PatchAsJsonAsync($"/api/v1/users/{userId}", new { role = "Customer", customerId = customer }));
            await client.SetTokenAsync(await app.TokenAsync(email, password));
            Assert.True(await client.ConnectAgainAsync(), client.ConnectErrorMessage);

            // The same user, so the session is theirs: it recovers, but only with rooms a customer may be in.
            Assert.True(client.Recovered, "socket.recovered");
            var socket = Assert.Single(app.Services.GetRequiredService<SocketIOEndpoint>().Main.Sockets, s => s.Id == client.SocketId);
            Assert.False(socket.InRoom("order:ord-demoted"));
            Assert.False(socket.InRoom(Rooms.Role("Staff")));
            Assert.True(socket.InRoom(Rooms.Customer(customer)));
        }
    }

    [Fact]
    public async Task Another_users_pid_or_a_forged_one_gets_a_fresh_session()
    {
        using var admin = await app.AdminClientAsync();
        var (owner, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        var (thief, _, _, _) = await SocketIOScenario.ConnectCustomerAsync(app, admin, "Recovery Thief");
        await using (owner)
        await using (thief)
        {
            await owner.CloseTransportAsync(hold: true);
            var stolen = owner.Pid!;
            var ownerSid = owner.SocketId;
            foreach (var pid in new[] { stolen, "forged-" + Guid.NewGuid().ToString("N") })
            {
                await thief.CloseTransportAsync(hold: true);
                await thief.SetPidAsync(pid);
                Assert.True(await thief.ConnectAgainAsync(), thief.ConnectErrorMessage);
                Assert.False(thief.Recovered, $"recovered with {pid}");
                Assert.NotEqual(ownerSid, thief.SocketId);
                Assert.NotEqual(pid, thief.Pid);
            }

            // The owner's session is untouched by the attempt.
            Assert.True(await owner.ConnectAgainAsync(), owner.ConnectErrorMessage);
            Assert.True(owner.Recovered, "the owner's socket.recovered");
            Assert.Equal(ownerSid, owner.SocketId);
        }
    }

    [Fact]
    public async Task A_connection_with_the_pid_of_a_socket_that_still_looks_connected_takes_the_session_over()
    {
        // A half-open transport: the app is back on a new connection before the server noticed the old one gone.
        var token = await app.TokenAsync(DashboardApp.AdminEmail, app.AdminPassword);
        var (old, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (old)
        {
            await using var back = await SocketIOClient.ConnectAsync(app.BaseAddress, token);
            await back.CloseTransportAsync(hold: true);
            await back.SetPidAsync(old.Pid!);
            Assert.True(await back.ConnectAgainAsync(), back.ConnectErrorMessage);

            Assert.True(back.Recovered, "socket.recovered");
            Assert.Equal(old.SocketId, back.SocketId);
            Assert.Equal("io server disconnect", await old.WaitDisconnectedAsync());
            var main = app.Services.GetRequiredService<SocketIOEndpoint>().Main;
            Assert.Single(main.Sockets, s => s.Id == back.SocketId);
        }
    }
}

/// <summary>A short recovery window, to see what happens past it.</summary>
public sealed class ShortRecoveryWindowApp : DashboardApp
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Realtime:Recovery:MaxDisconnection"] = "00:00:01",
    };
}

public sealed class SocketIORecoveryWindowTests(ShortRecoveryWindowApp app) : IClassFixture<ShortRecoveryWindowApp>
{
    [Fact]
    public async Task An_app_back_after_the_window_gets_a_fresh_session()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Too Late");
        var (client, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (client)
        {
            var pid = client.Pid;
            var sid = client.SocketId;
            await client.CloseTransportAsync(hold: true);
            var missed = await RecoveryScenario.PayAsync(admin, customer);
            await Task.Delay(TimeSpan.FromSeconds(2.5));

            Assert.True(await client.ConnectAgainAsync(), client.ConnectErrorMessage);
            Assert.False(client.Recovered, "socket.recovered");
            Assert.NotEqual(sid, client.SocketId);
            Assert.NotEqual(pid, client.Pid);
            await client.AssertNoEventAsync("payment:added", x => x.Is("id", missed), TimeSpan.FromSeconds(1));
        }
    }
}
