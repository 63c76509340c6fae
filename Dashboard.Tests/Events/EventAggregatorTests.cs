using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Events;
using Dashboard.Domain.Payments;
using Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Events;

public sealed class EventAggregatorTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(200);

    private sealed record Numbered(int Publisher, int Batch, int Index) : IDomainEvent
    {
        public Guid? CustomerId => null;
    }

    [Fact]
    public async Task Every_subscriber_sees_the_events_of_all_publishers_in_one_identical_order_with_each_batch_contiguous()
    {
        const int publishers = 4, batches = 250, batchSize = 3, total = publishers * batches * batchSize;
        var aggregator = new EventAggregator(NullLogger<EventAggregator>.Instance);
        var recorders = Enumerable.Range(0, 4).Select(_ => new EventRecorder<Numbered>(aggregator)).ToList();
        var untyped = new EventRecorder<IDomainEvent>(aggregator);

        using var start = new Barrier(publishers);
        await Task.WhenAll(Enumerable.Range(0, publishers).Select(p => Task.Run(() =>
        {
            start.SignalAndWait();
            for (var b = 0; b < batches; b++)
            {
                aggregator.PublishEvents([.. Enumerable.Range(0, batchSize).Select(i => new Numbered(p, b, i))]);
            }
        })));

        var order = await recorders[0].WaitForCountAsync(total);
        Assert.Equal(total, order.Count);
        foreach (var recorder in recorders.Skip(1))
        {
            Assert.Equal(order, await recorder.WaitForCountAsync(total));
        }

        Assert.Equal(order.Cast<IDomainEvent>(), await untyped.WaitForCountAsync(total));
        for (var i = 0; i < total; i += batchSize)
        {
            Assert.Equal(Enumerable.Range(0, batchSize).Select(n => order[i] with { Index = n }), order.Skip(i).Take(batchSize));
        }

        foreach (var p in Enumerable.Range(0, publishers))
        {
            Assert.Equal(Enumerable.Range(0, batches), order.Where(e => e.Publisher == p && e.Index == 0).Select(e => e.Batch));
        }
    }

    [Fact]
    public async Task A_throwing_subscriber_affects_neither_the_other_subscribers_nor_the_publisher()
    {
        var logger = new ErrorCountingLogger();
        var aggregator = new EventAggregator(logger);
        var (asyncCalls, syncCalls) = (0, 0);
        using var asyncThrower = aggregator.Subscribe<Numbered>(async _ =>
        {
            Interlocked.Increment(ref asyncCalls);
            await Task.Yield();
            throw new InvalidOperationException("handler failed");
        });
        using var syncThrower = aggregator.Subscribe<Numbered>(_ =>
        {
            Interlocked.Increment(ref syncCalls);
            throw new InvalidOperationException("handler failed before returning a task");
        });
        using var healthy = new EventRecorder<Numbered>(aggregator);

        for (var i = 0; i < 20; i++)
        {
            aggregator.PublishEvents([new Numbered(0, i, 0)]);
        }

        Assert.Equal(Enumerable.Range(0, 20), (await healthy.WaitForCountAsync(20)).Select(e => e.Batch));
        // The throwing subscribers keep receiving: one failure does not end their delivery loop.
        await Eventually.TrueAsync(() => Volatile.Read(ref asyncCalls) == 20 && Volatile.Read(ref syncCalls) == 20, "both throwers called 20 times");
        await Eventually.TrueAsync(() => logger.Errors == 40, "40 handler failures logged");
    }

    [Fact]
    public async Task A_slow_subscriber_does_not_block_the_publisher_or_the_other_subscribers()
    {
        var aggregator = new EventAggregator(NullLogger<EventAggregator>.Instance);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowHandled = 0;
        using var slow = aggregator.Subscribe<Numbered>(async _ =>
        {
            entered.TrySetResult();
            await release.Task;
            Interlocked.Increment(ref slowHandled);
        });
        using var fast = new EventRecorder<Numbered>(aggregator);

        // On another thread, so that a Publish that waited for handlers fails the test instead of hanging it.
        var publishing = Task.Run(async () =>
        {
            aggregator.PublishEvents([new Numbered(0, 0, 0)]);
            await entered.Task;
            for (var i = 1; i <= 100; i++)
            {
                aggregator.PublishEvents([new Numbered(0, i, 0)]);
            }
        });

        try
        {
            await publishing.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(101, (await fast.WaitForCountAsync(101)).Count);
            Assert.Equal(0, Volatile.Read(ref slowHandled));
        }
        finally
        {
            // Also when the test fails, so that a stuck Publish cannot hold the aggregator's lock during cleanup.
            release.TrySetResult();
        }

        await Eventually.TrueAsync(() => Volatile.Read(ref slowHandled) == 101, "the slow subscriber to catch up");
    }

    [Fact]
    public async Task A_subscriber_that_falls_behind_its_queue_is_told_once_before_it_receives_newer_events()
    {
        var aggregator = new EventAggregator(NullLogger<EventAggregator>.Instance, Options.Create(new AggregatorOptions { QueueCapacity = 5 }));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new List<string>();
        using var stuck = aggregator.Subscribe<Numbered>(async e =>
        {
            await release.Task;
            lock (seen)
            {
                seen.Add($"event {e.Batch}");
            }
        }, () =>
        {
            lock (seen)
            {
                seen.Add("gap");
            }

            return Task.CompletedTask;
        });
        using var healthy = new EventRecorder<Numbered>(aggregator);

        for (var i = 0; i < 50; i++)
        {
            aggregator.PublishEvents([new Numbered(0, i, 0)]);
            await healthy.WaitForCountAsync(i + 1); // a subscriber that keeps up never overflows, whatever the other does
        }

        release.SetResult();
        await Task.Delay(Grace);
        aggregator.PublishEvents([new Numbered(0, 99, 0)]);

        await Eventually.TrueAsync(() => { lock (seen) { return seen.LastOrDefault() == "event 99"; } }, "the event after the gap");
        List<string> order;
        lock (seen)
        {
            order = [.. seen];
        }

        // The event being handled when the queue filled may finish first; then one gap, and nothing older after it.
        Assert.Equal(1, order.Count(x => x == "gap"));
        Assert.Equal(["gap", "event 99"], order.SkipWhile(x => x != "gap"));
        Assert.True(order.IndexOf("gap") <= 1, string.Join(", ", order));
        Assert.Equal(51, healthy.Events.Count);
    }

    [Fact]
    public async Task Disposing_a_subscription_stops_delivery_and_returns_the_subscriber_count_to_its_baseline()
    {
        var aggregator = new EventAggregator(NullLogger<EventAggregator>.Instance);
        var baseline = aggregator.SubscriberCount;
        var disposed = new EventRecorder<Numbered>(aggregator);
        using var control = new EventRecorder<Numbered>(aggregator);
        Assert.Equal(baseline + 2, aggregator.SubscriberCount);

        aggregator.PublishEvents([new Numbered(0, 1, 0)]);
        await disposed.WaitForCountAsync(1);
        disposed.Dispose();
        disposed.Dispose();
        Assert.Equal(baseline + 1, aggregator.SubscriberCount);

        aggregator.PublishEvents([new Numbered(0, 2, 0), new Numbered(0, 3, 0)]);
        await control.WaitForCountAsync(3);
        await Task.Delay(Grace);
        Assert.Equal([new Numbered(0, 1, 0)], disposed.Events);

        control.Dispose();
        Assert.Equal(baseline, aggregator.SubscriberCount);
    }

    [Fact]
    public async Task A_rejected_command_publishes_nothing()
    {
        await using var h = await DomainHarness.StartAsync();
        var customer = await h.CreateCustomerAsync();
        using var events = new EventRecorder<IDomainEvent>(h.Events);

        await Assert.ThrowsAsync<DomainException>(() => h.PayAsync(customer.Id, 0m));
        await Assert.ThrowsAsync<DomainException>(() => h.PayAsync(Guid.NewGuid(), 10m));
        await Assert.ThrowsAsync<DomainException>(() => h.Customers.UpdateAsync(DomainHarness.Admin, customer.Id,
            new UpdateCustomer("Renamed", null, null, null, null, null, null, customer.Version + 5)));
        await Task.Delay(Grace);
        Assert.Empty(events.Events);

        await AssertOnlyTheNextWritePublishesAsync(h, customer.Id, events);
    }

    [Fact]
    public async Task A_command_that_fails_in_the_database_rolls_back_and_publishes_nothing()
    {
        await using var h = await DomainHarness.StartAsync();
        var customer = await h.CreateCustomerAsync();
        await using (var connection = new SqliteConnection(h.ConnectionString))
        {
            // The payment row is saved first, then the activity row fails: the payment must go with it.
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TRIGGER fail_activity BEFORE INSERT ON ActivityLog BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;";
            await command.ExecuteNonQueryAsync();
        }

        using var events = new EventRecorder<IDomainEvent>(h.Events);
        var before = await h.CountRowsAsync();

        var paymentError = await Assert.ThrowsAnyAsync<Exception>(() => h.PayAsync(customer.Id, 100m));
        var deliveryError = await Assert.ThrowsAnyAsync<Exception>(() => h.DeliverAsync(customer.Id, h.Today, 1m));

        Assert.Contains("disk on fire", paymentError.ToString(), StringComparison.Ordinal);
        Assert.Contains("disk on fire", deliveryError.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await h.CountRowsAsync());
        await Task.Delay(Grace);
        Assert.Empty(events.Events);

        await using (var connection = new SqliteConnection(h.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER fail_activity;";
            await command.ExecuteNonQueryAsync();
        }

        await AssertOnlyTheNextWritePublishesAsync(h, customer.Id, events);
    }

    /// <summary>Events arrive in order, so once a later write's events are in, a failed write's would have been too.</summary>
    private static async Task AssertOnlyTheNextWritePublishesAsync(DomainHarness h, Guid customerId, EventRecorder<IDomainEvent> events)
    {
        var payment = await h.PayAsync(customerId, 42m);
        var received = await events.WaitForCountAsync(3);
        await Task.Delay(Grace);
        Assert.Equal(3, events.Events.Count);
        Assert.Equal(payment, Assert.IsType<PaymentAdded>(received[0]).Payment);
        Assert.All(received, e => Assert.Equal(customerId, e.CustomerId));
    }

    private sealed class ErrorCountingLogger : ILogger<EventAggregator>
    {
        private int _errors;

        public int Errors => Volatile.Read(ref _errors);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is InvalidOperationException)
            {
                Interlocked.Increment(ref _errors);
            }
        }
    }
}

internal static class TestPublishing
{
    private static long _position;

    /// <summary>Publishes domain events as the writer would after a commit: each at the next log position.</summary>
    public static void PublishEvents(this IEventAggregator aggregator, IReadOnlyList<IDomainEvent> events)
    {
        lock (typeof(TestPublishing))
        {
            aggregator.Publish([.. events.Select(e =>
            {
                var position = ++_position;
                return new CommittedEvent(e, new LoggedEvent(position, DateTime.UtcNow, e.GetType().Name, "{}", []));
            })]);
        }
    }
}
