using Dashboard.Auth;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Realtime.SocketIO;

/// <summary>Connected clients of the official socket.io-client for the real-time tests.</summary>
public static class SocketIOScenario
{
    public static async Task<(SocketIOClient Client, TokenResponse Token)> ConnectAsync(
        DashboardApp app, string email, string password, string transports = "websocket", string ns = "/")
    {
        var token = await HubScenario.TokenAsync(app, email, password);
        var client = await SocketIOClient.ConnectAsync(app.BaseAddress, token.AccessToken, transports, ns);
        Assert.True(client.Connected, client.ConnectErrorMessage);
        await client.WaitForEventAsync("connected");
        return (client, token);
    }

    public static async Task<(SocketIOClient Client, Guid CustomerId, string Email, string Password)> ConnectCustomerAsync(
        DashboardApp app, HttpClient admin, string name)
    {
        var customerId = await ApiScenario.CreateCustomerAsync(admin, name);
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Customer", customerId);
        var (client, _) = await ConnectAsync(app, email, password);
        return (client, customerId, email, password);
    }
}
