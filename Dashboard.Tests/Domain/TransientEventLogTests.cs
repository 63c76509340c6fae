using Dashboard.Domain.Events;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Domain;

/// <summary>
/// Transient events (an agent's positions) leave the log after minutes, and the row cap counts rows, so a stream of them
/// never pushes business events out of what a reconnecting app can recover.
/// </summary>
public sealed class TransientEventLogTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    public async Task InitializeAsync() => _h = await DomainHarness.StartAsync(configure: s => s.Configure<EventLogOptions>(o =>
    {
        o.TransientEvents.Add("BalanceChanged"); // stands in for delivery:location:update: a payment raises one of each
        o.MaxRows = 4;
    }));

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Transient_events_go_after_minutes_and_the_cap_keeps_the_newest_business_rows()
    {
        var customer = await _h.CreateCustomerAsync();
        await _h.PayAsync(customer.Id, 10m);
        await _h.PayAsync(customer.Id, 20m);
        var retention = _h.Get<EventLogRetention>();

        await retention.PruneAsync();
        var fresh = await NamesAsync();
        Assert.Contains("BalanceChanged", fresh); // minutes old at most: still there

        _h.Time.Set(DomainHarness.DefaultNow.AddMinutes(6));
        await _h.PayAsync(customer.Id, 30m);
        var cutoff = _h.Time.GetUtcNow().UtcDateTime.AddMinutes(-5);
        List<EventLogEntry> before;
        await using (var db = _h.Db())
        {
            before = await db.EventLog.OrderBy(e => e.Position).ToListAsync();
        }

        await retention.PruneAsync();
        await using var after = _h.Db();
        var rows = await after.EventLog.OrderBy(e => e.Position).Select(e => e.Position).ToListAsync();
        // The old balances go first; then the cap of 4 counts the rows that are left, not positions.
        var expected = before.Where(e => !(e.Name == "BalanceChanged" && e.At < cutoff)).TakeLast(4).Select(e => e.Position);
        Assert.Equal(expected, rows);
        Assert.Contains(before, e => e.Name == "BalanceChanged" && e.At < cutoff && e.Position > rows[0] - 3);
    }

    private async Task<List<string>> NamesAsync()
    {
        await using var db = _h.Db();
        return await db.EventLog.OrderBy(e => e.Position).Select(e => e.Name).ToListAsync();
    }
}
