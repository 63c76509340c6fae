using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Auth;
using Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Dashboard.Tests.Api;

/// <summary>The process is killed (SIGKILL) in the middle of a stream of writes, as a crash or a power cut would.</summary>
public sealed class DurabilityTests(AppProcess app) : IClassFixture<AppProcess>
{
    [Fact]
    public async Task Every_acknowledged_payment_survives_a_kill_mid_stream_in_the_database_and_the_event_log_and_nothing_is_half_written()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var token = (await (await http.PostAsJsonAsync("/api/v1/auth/token", new { email = app.AdminEmail, password = app.AdminPassword }))
            .Content.ReadFromJsonAsync<TokenResponse>())!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        var customer = await (await http.PostAsJsonAsync("/api/v1/customers", new { name = "Crash Test", defaultQuantity = 1, pricePerLiter = 50 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var customerId = customer.GetProperty("id").GetGuid();

        var acknowledged = new ConcurrentBag<Guid>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested && i < 10_000; i++)
            {
                try
                {
                    var response = await http.PostAsJsonAsync("/api/v1/payments", new { customerId, amount = 1 + w, method = "CASH", note = $"w{w} #{i}" });
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
                    }
                }
                catch (HttpRequestException)
                {
                    return; // the server is gone
                }
            }
        })).ToList();

        await Eventually.TrueAsync(() => acknowledged.Count >= 300, "300 acknowledged payments before the kill");
        await app.KillAsync();
        stop.Cancel();
        await Task.WhenAll(writers);
        await app.StartAsync();

        await using var db = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "dashboard.db")};Mode=ReadOnly");
        await db.OpenAsync();
        var payments = (await QueryAsync(db, "SELECT Id FROM Payments")).Select(Guid.Parse).ToHashSet();
        Assert.Superset(acknowledged.ToHashSet(), payments);

        // Each payment committed whole: its activity row and its two log entries, or nothing at all.
        var activity = (await QueryAsync(db, "SELECT EntityId FROM ActivityLog WHERE Action = 'payment.added'")).Select(Guid.Parse).ToList();
        var logged = (await QueryAsync(db, "SELECT Payload FROM EventLog WHERE Name = 'payment:added'"))
            .Select(p => JsonDocument.Parse(p).RootElement.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(payments.Order(), activity.Order());
        Assert.Equal(payments.Order(), logged.Order());
        Assert.Equal(payments.Count, (await QueryAsync(db, "SELECT Position FROM EventLog WHERE Name = 'balance:updated'")).Count);

        var positions = (await QueryAsync(db, "SELECT Position FROM EventLog ORDER BY Position")).Select(long.Parse).ToList();
        Assert.Equal(Enumerable.Range(1, positions.Count).Select(i => (long)i), positions);

        // Writes go on after the restart, at the next position.
        var after = await http.PostAsJsonAsync("/api/v1/payments", new { customerId, amount = 5, method = "CASH" });
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        Assert.Equal(positions[^1] + 1, long.Parse((await QueryAsync(db, "SELECT MIN(Position) FROM EventLog WHERE Position > " + positions[^1]))[0]));
    }

    private static async Task<List<string>> QueryAsync(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}
