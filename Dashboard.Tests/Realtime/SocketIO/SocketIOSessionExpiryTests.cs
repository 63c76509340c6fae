using System.Net.Http.Json;
using Dashboard.Auth;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Realtime.SocketIO;

/// <summary>
/// A Socket.IO session lasts as long as its token and its sign-in, and an app whose auth callback hands a fresh token
/// carries on. (Disabling a user: UserRevocationTests.)
/// </summary>
public sealed class SocketIOSessionExpiryTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task A_session_ends_with_its_token_and_the_apps_auth_callback_reconnects_it_with_a_fresh_one()
    {
        var fresh = await HubScenario.TokenAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        var key = app.Services.GetRequiredService<TokenService>().SigningKey;
        var shortLived = TestTokens.WithExpiry(key, fresh.AccessToken, DateTime.UtcNow.AddSeconds(3));
        await using var client = await SocketIOClient.ConnectAsync(app.BaseAddress, shortLived, authCallback: true);
        await client.WaitConnectedAsync();
        Assert.Equal(1, client.AuthCalls);
        var first = client.SocketId;
        await client.SetTokenAsync(fresh.AccessToken); // what the app's own refresh would hand over next time

        var error = (await client.WaitForEventAsync("error", x => x[0].GetProperty("code").GetString() == "UNAUTHENTICATED", TimeSpan.FromSeconds(10)))[0];
        Assert.Contains("expired", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("io server disconnect", await client.WaitDisconnectedAsync(TimeSpan.FromSeconds(5)));

        // socket.io-client does not reconnect by itself after a server disconnect; the app calls connect() again.
        await Task.Delay(500);
        Assert.False(client.Connected);
        await client.ReconnectAsync();
        await client.WaitConnectedAsync();
        Assert.Equal(2, client.AuthCalls);
        Assert.NotEqual(first, client.SocketId);
        Assert.Equal("pong", (await client.EmitWithAckAsync("ping"))[0].GetString());
    }

    [Fact]
    public async Task A_password_reset_ends_the_users_session_with_the_reason_and_the_old_token_no_longer_connects()
    {
        using var admin = await app.AdminClientAsync();
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Staff");
        var (client, token) = await SocketIOScenario.ConnectAsync(app, email, password);
        await using (client)
        {
            (await admin.PostAsJsonAsync($"/api/v1/users/{token.User.Id}/password", new { generate = true })).EnsureSuccessStatusCode();

            var error = (await client.WaitForEventAsync("error", x => x[0].GetProperty("code").GetString() == "UNAUTHENTICATED"))[0];
            Assert.Contains("password", error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal("io server disconnect", await client.WaitDisconnectedAsync(TimeSpan.FromSeconds(5)));
        }

        await using var again = await SocketIOClient.ConnectAsync(app.BaseAddress, token.AccessToken);
        Assert.False(again.Connected);
        Assert.Equal("UNAUTHENTICATED", again.ConnectErrorData?.GetProperty("code").GetString());
    }
}
