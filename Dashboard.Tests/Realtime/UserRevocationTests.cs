using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Realtime;

/// <summary>Disabling a user ends their open app connections, on both transports, and refuses new ones.</summary>
public sealed class UserRevocationTests(DashboardApp app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task Disabling_a_user_closes_their_hub_and_socket_io_connections_and_refuses_new_ones()
    {
        using var admin = await app.AdminClientAsync();
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Delivery");
        var (hub, token) = await HubScenario.ConnectAsync(app, email, password);
        await using var hubClient = hub;
        await using var socket = await SocketIOClient.ConnectAsync(app.BaseAddress, token.AccessToken);
        Assert.True(socket.Connected);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        (await admin.PostAsync($"/api/v1/users/{token.User.Id}/disable", null)).EnsureSuccessStatusCode();
        var answered = clock.Elapsed;

        await hub.WaitClosedAsync(TimeSpan.FromSeconds(5));
        output.WriteLine($"disable answered after {answered.TotalMilliseconds:F0} ms; hub client saw its close after {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.False(hub.Connected);
        Assert.Equal("io server disconnect", await socket.WaitDisconnectedAsync(TimeSpan.FromSeconds(5)));

        await using var again = await SignalRClient.ConnectAsync(app.BaseAddress, token.AccessToken);
        Assert.Equal(401, again.FailureStatus);
        await using var socketAgain = await SocketIOClient.ConnectAsync(app.BaseAddress, token.AccessToken);
        Assert.False(socketAgain.Connected);
        Assert.Equal("Authentication failed", socketAgain.ConnectErrorMessage);

        await using var db = app.Db();
        Assert.True(await db.Users.AnyAsync(u => u.Id == token.User.Id && u.LockoutEnd != null));
    }
}
