using Dashboard.Domain.Events;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Realtime;

/// <summary>A log that keeps events for a moment only: recovery from before what it still holds is refused, never partial.</summary>
public sealed class HubRecoveryRetentionTests(HubRecoveryRetentionTests.ShortRetentionApp app) : IClassFixture<HubRecoveryRetentionTests.ShortRetentionApp>
{
    public sealed class ShortRetentionApp : DashboardApp
    {
        protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Realtime:EventLog:Retention"] = "00:00:00.001",
            ["Realtime:EventLog:PruneInterval"] = "01:00:00",
        };
    }

    [Fact]
    public async Task A_position_pruned_past_retention_gets_GAP_TOO_OLD_and_the_newest_still_recovers()
    {
        using var admin = await app.AdminClientAsync();
        var (client, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (client)
        {
            var last = (await client.WaitForEventAsync("connected")).ConnectedPosition();
            var customer = await ApiScenario.CreateCustomerAsync(admin, "Pruned Customer");
            var paid = await HubRecovery.RecordPaymentsAsync(admin, customer, 3);
            await client.WaitForEventAsync("payment:added", x => x.Is("id", paid[^1]));

            await Task.Delay(10);
            Assert.True(await app.Services.GetRequiredService<EventLogRetention>().PruneAsync() > 0);
            await using var db = app.Db();
            var newest = await db.EventLog.MaxAsync(e => e.Position);

            var gap = await client.InvokeAsync("events:since", new { position = last });
            Assert.Equal("GAP_TOO_OLD", gap.ErrorCode());
            Assert.False(string.IsNullOrWhiteSpace(gap.GetProperty("error").GetProperty("message").GetString()));
            var (events, upTo, _) = await HubRecovery.SinceAsync(client, newest);
            Assert.Empty(events);
            Assert.Equal(newest, upTo);
        }
    }
}
