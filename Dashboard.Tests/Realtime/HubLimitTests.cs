using Dashboard.Tests.Support;

namespace Dashboard.Tests.Realtime;

/// <summary>The app with tight real-time limits, so that a test can exceed them quickly.</summary>
public sealed class TightLimitsApp : DashboardApp
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Realtime:RateLimit:PermitsPerSecond"] = "5",
        ["Realtime:RateLimit:Burst"] = "5",
        ["Realtime:MaxMessageBytes"] = "4096",
    };
}

public sealed class HubLimitTests(TightLimitsApp app) : IClassFixture<TightLimitsApp>
{
    [Fact]
    public async Task A_flooding_client_gets_rate_limited_while_another_client_carries_on()
    {
        var (flooder, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        var (neighbour, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (flooder)
        await using (neighbour)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => flooder.InvokeAsync("ping")));
            var limited = results.Count(r => r.ErrorCode() == "RATE_LIMITED");
            Assert.InRange(limited, 15, 25);
            var error = await flooder.WaitForEventAsync("error");
            Assert.Equal("RATE_LIMITED", error[0].GetProperty("code").GetString());

            Assert.Equal("pong", (await neighbour.InvokeAsync("ping")).GetString());
            Assert.True(flooder.Connected);
            await Task.Delay(1200);
            Assert.Equal("pong", (await flooder.InvokeAsync("ping")).GetString());
        }
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_only_that_connection()
    {
        var (big, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        var (other, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (big)
        await using (other)
        {
            await big.SendAsync("payment:add", new { customerId = Guid.NewGuid(), amount = 1, method = "CASH", note = new string('x', 10_000) });
            await big.WaitClosedAsync(TimeSpan.FromSeconds(10));
            Assert.False(big.Connected);
            Assert.Equal("pong", (await other.InvokeAsync("ping")).GetString());
        }
    }
}
