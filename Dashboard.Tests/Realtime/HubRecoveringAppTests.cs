using Dashboard.Tests.Api;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Realtime;

/// <summary>
/// The README's client, run as written (js/recovering-app.mjs) under the official client's automatic reconnect: the
/// network is cut for long enough that a new connection is needed, and the app applies every missed event once.
/// </summary>
public sealed class HubRecoveringAppTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task The_readme_client_applies_every_payment_once_across_a_cut_that_needs_a_new_connection()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Readme Customer");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Customer", customer);
        await using var proxy = new TcpProxy(app.BaseAddress);
        await using var client = await SignalRClient.ConnectAsync(proxy.BaseAddress, await app.TokenAsync(email, password), "websockets", null,
            SignalRClient.DefaultHubPath, events: null, recovering: true);
        Assert.True(client.Connected, client.FailureMessage);
        await client.WaitForEventAsync("connected");
        var first = await HubRecovery.RecordPaymentsAsync(admin, customer, 1);
        await client.WaitForEventAsync("payment:added", x => x.Is("id", first[0]));
        Assert.Equal("reload", client.LastRecovery); // a first start has no position yet

        proxy.Cut();
        var during = await HubRecovery.RecordPaymentsAsync(admin, customer, 20);
        await Task.Delay(TimeSpan.FromSeconds(1));
        proxy.Resume();
        var after = await HubRecovery.RecordPaymentsAsync(admin, customer, 5);

        await client.WaitForEventAsync("payment:added", x => x.Is("id", after[^1]), TimeSpan.FromSeconds(20));
        // The last payment's balance follows its payment: wait for it too before counting.
        await client.WaitForEventCountAsync("balance:updated", x => x.Length == 2, 26, TimeSpan.FromSeconds(20));
        Assert.True(client.Reconnected, "the automatic reconnect never made a new connection");
        Assert.Equal("recovered", client.LastRecovery);
        var applied = client.Events.Where(e => e.Args.Length == 2).Select(e => new Received(e.Name, e.Args[0], e.Args.Position())).ToList();
        Assert.Equal([.. first, .. during, .. after], applied.PaymentIds());
        Assert.Equal(applied.Select(e => e.Position).Order(), applied.Select(e => e.Position));
        Assert.Equal(26, applied.Count(e => e.Name == "balance:updated"));
    }
}
