using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Auth;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Realtime;

/// <summary>Users, tokens and connected hub clients for the real-time tests.</summary>
public static class HubScenario
{
    public static async Task<TokenResponse> TokenAsync(DashboardApp app, string email, string password)
    {
        using var http = app.Anonymous();
        var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
    }

    public static async Task<(SignalRClient Client, TokenResponse Token)> ConnectAsync(DashboardApp app, string email, string password, string transport = "websockets")
    {
        var token = await TokenAsync(app, email, password);
        var client = await SignalRClient.ConnectAsync(app.BaseAddress, token.AccessToken, transport);
        Assert.True(client.Connected, client.FailureMessage);
        await client.WaitForEventAsync("connected");
        return (client, token);
    }

    public static async Task<(SignalRClient Client, Guid CustomerId)> ConnectCustomerAsync(DashboardApp app, HttpClient admin, string name)
    {
        var customerId = await ApiScenario.CreateCustomerAsync(admin, name);
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Customer", customerId);
        var (client, _) = await ConnectAsync(app, email, password);
        return (client, customerId);
    }

    public static bool Is(this JsonElement[] args, string property, Guid id) =>
        args.Length > 0 && args[0].ValueKind == JsonValueKind.Object && args[0].TryGetProperty(property, out var value) && value.GetGuid() == id;

    public static string? ErrorCode(this JsonElement result) =>
        result.ValueKind == JsonValueKind.Object && result.TryGetProperty("error", out var error) ? error.GetProperty("code").GetString() : null;
}
