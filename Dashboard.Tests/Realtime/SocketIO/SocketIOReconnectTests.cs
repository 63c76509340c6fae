using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dashboard.Auth;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Realtime.SocketIO;

/// <summary>
/// The server process restarts: socket.io-client apps reconnect by themselves and keep receiving, with no re-register —
/// and recover their sessions, because sessions and the event log are on disk.
/// </summary>
public sealed class SocketIOReconnectTests(AppProcess app) : IClassFixture<AppProcess>
{
    [Fact]
    public async Task Clients_reconnect_by_themselves_after_a_restart_and_receive_new_events()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var token = (await (await http.PostAsJsonAsync("/api/v1/auth/token", new { email = app.AdminEmail, password = app.AdminPassword }))
            .Content.ReadFromJsonAsync<TokenResponse>())!;
        await using var ws = await SocketIOClient.ConnectAsync(app.BaseAddress, token.AccessToken, "websocket", reconnect: true);
        await using var polling = await SocketIOClient.ConnectAsync(app.BaseAddress, "Bearer " + token.AccessToken, "polling", reconnect: true);
        Assert.True(ws.Connected && polling.Connected, ws.ConnectErrorMessage ?? polling.ConnectErrorMessage);

        await app.KillAsync();
        await ws.WaitDisconnectedAsync(TimeSpan.FromSeconds(15));
        await polling.WaitDisconnectedAsync(TimeSpan.FromSeconds(15));
        await app.StartAsync();
        await ws.WaitReconnectedAsync(TimeSpan.FromSeconds(30));
        await polling.WaitReconnectedAsync(TimeSpan.FromSeconds(30));

        // The token survives the restart (the signing key lives in the database), so the same handshake is accepted.
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        var customer = await (await http.PostAsJsonAsync("/api/v1/customers", new { name = "After Socket Restart", defaultQuantity = 1, pricePerLiter = 50 }))
            .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var customerId = customer.GetProperty("id").GetGuid();
        await ws.WaitForEventAsync("customer:updated", x => x.Is("id", customerId));
        await polling.WaitForEventAsync("customer:updated", x => x.Is("id", customerId));
    }

    [Fact]
    public async Task Apps_recover_their_sessions_and_missed_events_after_the_server_is_killed()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var token = (await (await http.PostAsJsonAsync("/api/v1/auth/token", new { email = app.AdminEmail, password = app.AdminPassword }))
            .Content.ReadFromJsonAsync<TokenResponse>())!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        var customer = await Api.ApiScenario.CreateCustomerAsync(http, "Recovers After Crash");
        // One app lost its transport before the crash (its disconnect time is on disk); the other is connected when the
        // process dies (no disconnect time: its last-seen time stands in).
        await using var away = await SocketIOClient.ConnectAsync(app.BaseAddress, token.AccessToken, "websocket", reconnect: true);
        await using var live = await SocketIOClient.ConnectAsync(app.BaseAddress, token.AccessToken, "polling", reconnect: true);
        Assert.True(away.Connected && live.Connected, away.ConnectErrorMessage ?? live.ConnectErrorMessage);
        var (awaySid, liveSid) = (away.SocketId, live.SocketId);

        await away.CloseTransportAsync(hold: true);
        var beforeCrash = await RecoveryScenario.PayManyAsync(http, customer, 25);
        await live.WaitForEventAsync("payment:added", x => x.Is("id", beforeCrash[^1]));
        await live.HoldAsync();
        await app.KillAsync();
        await live.WaitDisconnectedAsync(TimeSpan.FromSeconds(15));
        await app.StartAsync();
        var afterRestart = await RecoveryScenario.PayManyAsync(http, customer, 25);

        Assert.True(await away.ConnectAgainAsync(TimeSpan.FromSeconds(15)), away.ConnectErrorMessage);
        Assert.True(await live.ConnectAgainAsync(TimeSpan.FromSeconds(15)), live.ConnectErrorMessage);
        Assert.True(away.Recovered, "the away app's socket.recovered");
        Assert.True(live.Recovered, "the live app's socket.recovered");
        Assert.Equal(awaySid, away.SocketId);
        Assert.Equal(liveSid, live.SocketId);
        var next = await RecoveryScenario.PayAsync(http, customer);
        await RecoveryScenario.AssertReceivedExactlyOnceInOrderAsync(away, [.. beforeCrash, .. afterRestart, next]);
        await RecoveryScenario.AssertReceivedExactlyOnceInOrderAsync(live, [.. beforeCrash, .. afterRestart, next]);
    }

    [Fact]
    public async Task An_app_that_connected_after_a_restart_and_got_nothing_yet_recovers_only_what_came_after()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var token = (await (await http.PostAsJsonAsync("/api/v1/auth/token", new { email = app.AdminEmail, password = app.AdminPassword }))
            .Content.ReadFromJsonAsync<TokenResponse>())!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        var customer = await Api.ApiScenario.CreateCustomerAsync(http, "Quiet After Restart");
        var old = await RecoveryScenario.PayManyAsync(http, customer, 3);
        await app.KillAsync();
        await app.StartAsync();

        // Nothing published yet in this process, and no event received: the client will send its pid with no offset.
        await using var quiet = await SocketIOClient.ConnectAsync(app.BaseAddress, token.AccessToken, "websocket", reconnect: true);
        Assert.True(quiet.Connected, quiet.ConnectErrorMessage);
        await quiet.CloseTransportAsync(hold: true);
        var missed = await RecoveryScenario.PayManyAsync(http, customer, 3);
        Assert.True(await quiet.ConnectAgainAsync(TimeSpan.FromSeconds(15)), quiet.ConnectErrorMessage);

        Assert.True(quiet.Recovered, "socket.recovered");
        await RecoveryScenario.AssertReceivedExactlyOnceInOrderAsync(quiet, missed);
        await quiet.AssertNoEventAsync("payment:added", x => old.Contains(x[0].GetProperty("id").GetGuid()), TimeSpan.FromSeconds(0.5));
    }
}
