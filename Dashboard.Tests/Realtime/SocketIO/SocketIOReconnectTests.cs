using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dashboard.Auth;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Realtime.SocketIO;

/// <summary>The server process restarts: socket.io-client apps reconnect by themselves and keep receiving, with no re-register.</summary>
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
}
