using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dashboard.Auth;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Realtime;

/// <summary>The server process is killed and started again: the log is durable, so `events:since` still answers.</summary>
public sealed class HubRecoveryRestartTests(AppProcess app) : IClassFixture<AppProcess>
{
    [Fact]
    public async Task After_a_restart_events_since_returns_the_events_missed_before_it()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var token = (await (await http.PostAsJsonAsync("/api/v1/auth/token", new { email = app.AdminEmail, password = app.AdminPassword }))
            .Content.ReadFromJsonAsync<TokenResponse>())!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        var customer = await ApiScenario.CreateCustomerAsync(http, "Restart Customer");

        long last;
        await using (var before = await SignalRClient.ConnectAsync(app.BaseAddress, token.AccessToken))
        {
            Assert.True(before.Connected, before.FailureMessage);
            last = (await before.WaitForEventAsync("connected")).ConnectedPosition();
        }

        var missed = await HubRecovery.RecordPaymentsAsync(http, customer, 10);
        await app.KillAsync();
        await app.StartAsync();

        await using var after = await SignalRClient.ConnectAsync(app.BaseAddress, token.AccessToken);
        Assert.True(after.Connected, after.FailureMessage);
        var connected = (await after.WaitForEventAsync("connected")).ConnectedPosition();
        var (events, upTo, _) = await HubRecovery.SinceAsync(after, last);
        Assert.Equal(missed, events.PaymentIds());
        Assert.True(connected >= events[^1].Position, $"connected at {connected}, recovered up to {events[^1].Position}");
        Assert.True(upTo >= connected);

        // Positions keep counting across the restart: a new event comes after everything recovered.
        var next = (await HubRecovery.RecordPaymentsAsync(http, customer, 1))[0];
        Assert.True((await after.WaitForEventAsync("payment:added", x => x.Is("id", next))).Position() > upTo);
    }
}
