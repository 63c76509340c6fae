using Dashboard.Auth;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Realtime;

public sealed class HubConnectionTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task A_connection_without_a_valid_token_is_refused_with_401(string? token)
    {
        await using var client = await SignalRClient.ConnectAsync(app.BaseAddress, token);
        Assert.False(client.Connected);
        Assert.Equal(401, client.FailureStatus);
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_401()
    {
        var key = app.Services.GetRequiredService<TokenService>().SigningKey;
        var expired = TestTokens.Sign(key, DateTime.UtcNow.AddMinutes(-5));
        await using var client = await SignalRClient.ConnectAsync(app.BaseAddress, expired);
        Assert.False(client.Connected);
        Assert.Equal(401, client.FailureStatus);
    }

    [Theory]
    [InlineData("websockets")]
    [InlineData("longpolling")]
    public async Task A_valid_token_connects_and_is_told_who_it_is(string transport)
    {
        var (client, token) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword, transport);
        await using (client)
        {
            var connected = (await client.WaitForEventAsync("connected"))[0];
            Assert.Equal(token.User.Id, connected.GetProperty("userId").GetString());
            Assert.Equal("admin", connected.GetProperty("role").GetString());
            Assert.Equal("pong", (await client.InvokeAsync("ping")).GetString());
            await client.WaitForEventAsync("pong");
        }
    }

    [Fact]
    public async Task The_status_endpoint_lists_hub_connections_for_admins_only()
    {
        var (client, token) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (client)
        {
            using var admin = await app.AdminClientAsync();
            var status = await ApiAssert.Json(await admin.GetAsync("/api/v1/realtime/status"));
            Assert.True(status.GetProperty("byTransport").GetProperty("signalr").GetInt32() >= 1);
            Assert.Contains(status.GetProperty("usersOnline").EnumerateArray(), u => u.GetProperty("userId").GetString() == token.User.Id);
            Assert.True(status.GetProperty("rooms").GetProperty("role:admin").GetInt32() >= 1);

            await client.InvokeAsync("ping");
            var metrics = await ApiAssert.Json(await admin.GetAsync("/api/v1/realtime/metrics"));
            Assert.True(metrics.GetProperty("eventsIn").GetProperty("ping").GetInt64() >= 1);

            var (email, password) = await Api.ApiScenario.CreateUserAsync(admin, "Staff");
            using var staff = await app.ClientAsync(email, password);
            await ApiAssert.Problem(await staff.GetAsync("/api/v1/realtime/status"), System.Net.HttpStatusCode.Forbidden, "FORBIDDEN");
        }
    }
}
