using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Domain;

/// <summary>
/// Every write that moves money publishes the customer's balance, so the writer runs this query once a payment. Read from
/// the tables, it costs a row per entry and payment in the customer's history; twice it has grown that way unnoticed
/// (the charges' union filtered outside, then the row lookups), each time halving the writes a second.
/// </summary>
public sealed class BalanceQueryPlanTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    public async Task InitializeAsync() => _h = await DomainHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_customers_balance_is_read_from_covering_indexes_on_the_customer_and_never_scans_a_table()
    {
        var customer = await _h.CreateCustomerAsync(price: 60m);
        await _h.DeliverAsync(customer.Id, _h.Today.AddDays(-1), 1m);
        await _h.PayAsync(customer.Id, 25m);
        await using var db = _h.Db();
        var query = CustomerService.BalanceQuery(db, customer.Id);

        // The same statement EF Core sends, planned by SQLite on the test's own database file.
        using var command = db.Database.GetDbConnection().CreateCommand();
        var sql = query.ToQueryString();
        var parameters = sql.Split('\n').TakeWhile(l => l.StartsWith(".param set ", StringComparison.Ordinal)).ToList();
        foreach (var line in parameters)
        {
            var parts = line[".param set ".Length..].Trim().Split(' ', 2);
            command.Parameters.Add(new SqliteParameter(parts[0], parts[1].Trim('\'')));
        }

        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', sql.Split('\n').Skip(parameters.Count));
        await db.Database.OpenConnectionAsync();
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        var all = string.Join('\n', plan);
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal) && !step.StartsWith("SCAN u", StringComparison.Ordinal)
            && !step.Contains("SUBQUERY", StringComparison.Ordinal));
        foreach (var table in new[] { "DailyEntries", "Orders", "Payments" })
        {
            Assert.True(plan.Any(step => step.Contains("USING COVERING INDEX IX_" + table + "_CustomerId", StringComparison.Ordinal)), $"{table} is not read from a covering index on the customer:\n{all}");
        }

        Assert.Equal(new CustomerBalance(customer.Id, customer.Name, 60m, 25m, 35m), await CustomerService.BalanceOf(db, customer.Id, default));
    }
}
