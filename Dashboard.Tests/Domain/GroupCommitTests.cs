using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Events;
using Dashboard.Domain.Payments;
using Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Domain;

/// <summary>Concurrent writes share commits; each command still stands alone, and the event log stays gapless and in order.</summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    public async Task InitializeAsync() => _h = await DomainHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Two_hundred_concurrent_payments_of_which_twenty_are_bad_commit_the_good_ones_and_reject_each_bad_one_with_its_code()
    {
        var customers = new[] { await _h.CreateCustomerAsync("Asha"), await _h.CreateCustomerAsync("Bhavna"), await _h.CreateCustomerAsync("Chitra") };
        var (batchesBefore, _) = _h.Get<DomainWriter>().Committed;
        using var committed = new CommittedRecorder(_h.Events);
        var logBefore = await LogCountAsync();

        // 10 fail validation before they queue; 10 name a customer that does not exist, found only inside the batch.
        var attempts = Enumerable.Range(0, 200).Select(i => (Index: i, Kind: i % 20 == 3 ? "invalid" : i % 20 == 13 ? "missing" : "good")).ToList();
        var results = await Task.WhenAll(attempts.Select(a => Task.Run(async () =>
        {
            try
            {
                var customerId = a.Kind == "missing" ? Guid.NewGuid() : customers[a.Index % 3].Id;
                var payment = await _h.Payments.AddAsync(DomainHarness.Staff,
                    new AddPayment(customerId, a.Kind == "invalid" ? 0m : 1m + a.Index, "CASH", _h.Today, $"#{a.Index}"));
                return (a.Kind, Code: "ok", Payment: (Payment?)payment);
            }
            catch (DomainException e)
            {
                return (a.Kind, e.Code, Payment: (Payment?)null);
            }
        })));

        Assert.All(results.Where(r => r.Kind == "good"), r => Assert.Equal("ok", r.Code));
        Assert.All(results.Where(r => r.Kind == "invalid"), r => Assert.Equal(ErrorCodes.ValidationFailed, r.Code));
        Assert.All(results.Where(r => r.Kind == "missing"), r => Assert.Equal(ErrorCodes.NotFound, r.Code));
        Assert.Equal(180, results.Count(r => r.Code == "ok"));

        await using (var db = _h.Db())
        {
            Assert.Equal(180, await db.Payments.CountAsync());
            foreach (var customer in customers)
            {
                var expected = attempts.Where(a => a.Kind == "good" && a.Index % 3 == Array.IndexOf(customers, customer)).Sum(a => 1m + a.Index);
                Assert.Equal(expected, (await _h.Customers.GetBalanceAsync(DomainHarness.Admin, customer.Id)).Paid);
            }
        }

        // Each good payment logged payment.added, balance.updated and its activity row: 3 × 180 log entries, gapless.
        var log = await LogAsync();
        Assert.Equal(logBefore + 540, log.Count);
        Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), log.Select(e => e.Position));
        var published = await committed.WaitForCountAsync(540);
        Assert.Equal(log.Skip(logBefore).Select(e => e.Position), published.Select(e => e.Position));
        Assert.Equal(results.Where(r => r.Payment is not null).Select(r => r.Payment!.Id).Order(),
            published.Select(e => e.Event).OfType<PaymentAdded>().Select(p => p.Payment.Id).Order());

        // Per customer, the balances published rise in the order their payments committed.
        foreach (var customer in customers)
        {
            var paid = published.Select(e => e.Event).OfType<BalanceChanged>().Where(b => b.Balance.CustomerId == customer.Id).Select(b => b.Balance.Paid).ToList();
            Assert.Equal(paid.Order(), paid);
        }

        // They shared commits: far fewer transactions than commands.
        var (batchesAfter, _) = _h.Get<DomainWriter>().Committed;
        Assert.True(batchesAfter - batchesBefore < 180, $"{batchesAfter - batchesBefore} transactions for 180 commands");
    }

    [Fact]
    public async Task A_command_the_database_refuses_rolls_back_alone_while_its_neighbours_commit()
    {
        var customer = await _h.CreateCustomerAsync();
        await ExecAsync("CREATE TRIGGER refuse_13 BEFORE INSERT ON Payments WHEN NEW.Amount = '13.0' OR NEW.Amount = 13 BEGIN SELECT RAISE(ABORT, 'unlucky amount'); END;");

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 30).Select(i => Task.Run(async () =>
        {
            try
            {
                await _h.PayAsync(customer.Id, i);
                return (Amount: i, Ok: true);
            }
            catch (Exception e) when (e.ToString().Contains("unlucky amount", StringComparison.Ordinal))
            {
                return (Amount: i, Ok: false);
            }
        })));

        Assert.Equal([13], outcomes.Where(o => !o.Ok).Select(o => o.Amount));
        Assert.Equal(Enumerable.Range(1, 30).Sum() - 13, (await _h.Customers.GetBalanceAsync(DomainHarness.Admin, customer.Id)).Paid);
        await using var db = _h.Db();
        Assert.Equal(29, await db.Payments.CountAsync());
        Assert.Equal(29, await db.Activity.CountAsync(a => a.Action == "payment.added"));
        Assert.Equal(29, await db.EventLog.CountAsync(e => e.Name == "PaymentAdded"));
    }

    [Fact]
    public async Task The_writer_commits_with_synchronous_full_so_an_acknowledged_write_survives_a_power_cut()
    {
        long mode = -1;
        await _h.Get<DomainWriter>().MaintainAsync(async db =>
            mode = await db.Database.SqlQueryRaw<long>("PRAGMA synchronous").AsAsyncEnumerable().SingleAsync());
        Assert.Equal(2, mode); // FULL
    }

    [Fact]
    public async Task Pruning_drops_entries_past_retention_and_beyond_the_row_cap_but_keeps_the_newest()
    {
        var customer = await _h.CreateCustomerAsync();
        await _h.PayAsync(customer.Id, 10m);
        _h.Time.Set(DomainHarness.DefaultNow.AddHours(25));
        await _h.PayAsync(customer.Id, 20m);
        var retention = _h.Get<EventLogRetention>();
        var before = await LogAsync();

        // The first payment's entries (and the customer's) are more than 24 h old.
        var pruned = await retention.PruneAsync();
        var after = await LogAsync();
        Assert.Equal(before.Count(e => e.At < _h.Time.GetUtcNow().UtcDateTime.AddHours(-24)), pruned);
        Assert.Equal(before.Where(e => e.At >= _h.Time.GetUtcNow().UtcDateTime.AddHours(-24)).Select(e => e.Position), after.Select(e => e.Position));
        Assert.True(await _h.Get<EventLogReader>().CoversAsync(after[0].Position - 1));
        Assert.False(await _h.Get<EventLogReader>().CoversAsync(after[0].Position - 2));

        // A day later, with nothing written since, the newest entry stays so that the log knows where it stands.
        _h.Time.Set(DomainHarness.DefaultNow.AddHours(60));
        await retention.PruneAsync();
        var newest = Assert.Single(await LogAsync());
        Assert.Equal(after[^1].Position, newest.Position);
        Assert.True(await _h.Get<EventLogReader>().CoversAsync(newest.Position));
    }

    private async Task<int> LogCountAsync()
    {
        await using var db = _h.Db();
        return await db.EventLog.CountAsync();
    }

    private async Task<List<EventLogEntry>> LogAsync()
    {
        await using var db = _h.Db();
        return await db.EventLog.AsNoTracking().OrderBy(e => e.Position).ToListAsync();
    }

    private async Task ExecAsync(string sql)
    {
        await using var connection = new SqliteConnection(_h.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private sealed class CommittedRecorder : IDisposable
    {
        private readonly List<CommittedEvent> _events = [];
        private readonly IDisposable _subscription;

        public CommittedRecorder(IEventAggregator aggregator) => _subscription = aggregator.SubscribeCommitted(e =>
        {
            lock (_events)
            {
                _events.Add(e);
            }

            return Task.CompletedTask;
        });

        public Task<IReadOnlyList<CommittedEvent>> WaitForCountAsync(int count) => Eventually.ValueAsync<IReadOnlyList<CommittedEvent>>(() =>
        {
            lock (_events)
            {
                return [.. _events];
            }
        }, e => e.Count >= count, $"{count} committed events");

        public void Dispose() => _subscription.Dispose();
    }
}
