using Dashboard.Tests.Support;

namespace Dashboard.Tests.Realtime.SocketIO;

/// <summary>The per-connection rate limit is the SignalR hub's (Realtime:RateLimit), on Socket.IO too.</summary>
public sealed class SocketIOLimitTests(TightLimitsApp app) : IClassFixture<TightLimitsApp>
{
    [Fact]
    public async Task A_flooding_socket_io_client_gets_rate_limited_while_its_neighbours_on_both_transports_carry_on()
    {
        var (flooder, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        var (neighbour, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        var (hub, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (flooder)
        await using (neighbour)
        await using (hub)
        {
            var acks = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => flooder.EmitWithAckAsync("ping")));
            var limited = acks.Count(a => a[0].ErrorCode() == "RATE_LIMITED");
            Assert.InRange(limited, 15, 25);
            Assert.Equal("RATE_LIMITED", (await flooder.WaitForEventAsync("error"))[0].GetProperty("code").GetString());

            Assert.Equal("pong", (await neighbour.EmitWithAckAsync("ping"))[0].GetString());
            Assert.Equal("pong", (await hub.InvokeAsync("ping")).GetString());
            Assert.True(flooder.Connected);
            await Task.Delay(1200);
            Assert.Equal("pong", (await flooder.EmitWithAckAsync("ping"))[0].GetString());
        }
    }
}
