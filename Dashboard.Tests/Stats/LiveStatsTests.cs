using Dashboard.Domain.Stats;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Stats;

public sealed class LiveStatsTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    public async Task InitializeAsync() => _h = await DomainHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>What one page watching the figures has been told.</summary>
    private sealed class Page
    {
        private ReportStats? _latest;
        private int _notifications;

        public ReportStats? Latest => Volatile.Read(ref _latest);

        public int Notifications => Volatile.Read(ref _notifications);

        public Task OnChanged(ReportStats stats)
        {
            Volatile.Write(ref _latest, stats);
            Interlocked.Increment(ref _notifications);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_burst_of_50_payments_watched_by_10_pages_is_recomputed_a_few_times_and_every_page_sees_the_final_figures()
    {
        var customers = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            customers.Add((await _h.CreateCustomerAsync($"Customer {i}")).Id);
        }

        // A one-second window: the burst fits in one or two windows on any machine, so the bound below counts
        // coalescing, not speed. (The host's window is shorter; the mechanism is the same.)
        using var live = new LiveStats(_h.Events, _h.Stats, NullLogger<LiveStats>.Instance, TimeSpan.FromSeconds(1));
        var pages = Enumerable.Range(0, 10).Select(_ => new Page()).ToList();
        var watches = pages.Select(p => live.Watch(_h.Today, p.OnChanged)).ToList();

        for (var i = 0; i < 50; i++)
        {
            await _h.PayAsync(customers[i % customers.Count], 10m + i);
        }

        var expected = await _h.Stats.ComputeAsync(_h.Today);
        Assert.Equal(Enumerable.Range(0, 50).Sum(i => 10m + i), expected.TotalCollection);
        foreach (var page in pages)
        {
            await Eventually.TrueAsync(() => page.Latest == expected, "every page to show the final figures");
        }

        Assert.InRange(live.Recomputes, 1, 5);
        Assert.All(pages, p => Assert.InRange(p.Notifications, 1, 5));
        watches.ForEach(w => w.Dispose());
    }

    [Fact]
    public async Task A_disposed_watcher_is_no_longer_notified()
    {
        var customer = await _h.CreateCustomerAsync();
        using var live = new LiveStats(_h.Events, _h.Stats, NullLogger<LiveStats>.Instance, TimeSpan.FromMilliseconds(50));
        var (kept, dropped) = (new Page(), new Page());
        using var keptWatch = live.Watch(_h.Today, kept.OnChanged);
        var droppedWatch = live.Watch(_h.Today, dropped.OnChanged);

        await _h.PayAsync(customer.Id, 10m);
        await Eventually.TrueAsync(() => kept.Latest?.TotalCollection == 10m && dropped.Latest?.TotalCollection == 10m, "both pages to see 10");
        droppedWatch.Dispose();
        Assert.Equal(1, live.WatcherCount);
        var notified = dropped.Notifications;

        await _h.PayAsync(customer.Id, 20m);
        await Eventually.TrueAsync(() => kept.Latest?.TotalCollection == 30m, "the kept page to see 30");
        await Task.Delay(200);

        Assert.Equal(notified, dropped.Notifications);
        Assert.Equal(10m, dropped.Latest!.TotalCollection);
    }
}
