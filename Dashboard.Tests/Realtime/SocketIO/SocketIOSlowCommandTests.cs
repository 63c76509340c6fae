using System.Diagnostics;
using System.Text.Json;
using Dashboard.Realtime.SocketIO;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Dashboard.Tests.Realtime.SocketIO;

/// <summary>A heartbeat quick enough that a read loop held up by a command is dropped within 2 s, not so quick that a busy machine's is.</summary>
public sealed class HeartbeatOf1sApp : DashboardApp
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Realtime:SocketIO:PingIntervalMs"] = "1000",
        ["Realtime:SocketIO:PingTimeoutMs"] = "1000",
    };
}

/// <summary>
/// Commands run off the connection's read loop: a write that waits (here behind a long write holding SQLite's lock)
/// holds up neither the heartbeat nor the client's other namespace, while one socket's events keep their order.
/// </summary>
public sealed class SocketIOSlowCommandTests(HeartbeatOf1sApp app) : IClassFixture<HeartbeatOf1sApp>
{
    private static readonly TimeSpan Held = TimeSpan.FromSeconds(3); // longer than a heartbeat (interval + timeout = 2 s)

    [Fact]
    public async Task A_stalled_write_holds_up_neither_the_heartbeat_nor_the_other_namespace_and_the_socket_keeps_its_order()
    {
        var (client, customerId) = await ConnectAsync("Stalled Write");
        await using (client)
        {
            Task<JsonElement[]> payment, pingAfter;
            await using (await HoldWriteLockAsync())
            {
                payment = client.EmitWithAckAsync("payment:add", new { customerId, amount = 10, method = "CASH" });
                await Task.Delay(100);
                pingAfter = client.EmitWithAckAsync("ping");
                await Task.Delay(200);

                var clock = Stopwatch.StartNew();
                Assert.Equal("pong", (await client.EmitWithAckToAsync(SocketIOEndpoint.AdminNamespace, "ping"))[0].GetString());
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the /admin ack took {clock.ElapsedMilliseconds} ms");

                await Task.Delay(Held);
                Assert.True(client.Connected, "the heartbeat dropped the client while its command waited");
                Assert.False(payment.IsCompleted, "the write did not wait for the lock: the test proves nothing");
                Assert.False(pingAfter.IsCompleted, "an event overtook the one sent before it on the same socket");
            }

            Assert.True((await payment)[0].TryGetProperty("id", out _), (await payment)[0].GetRawText());
            Assert.Equal("pong", (await pingAfter)[0].GetString());
            Assert.True(client.Connected);
        }
    }

    [Fact]
    public async Task Events_beyond_a_stalled_sockets_queue_are_refused_at_once_as_rate_limited()
    {
        var (client, customerId) = await ConnectAsync("Flooded Queue");
        await using (client)
        {
            List<Task<JsonElement[]>> flood;
            Task<JsonElement[]> payment;
            await using (await HoldWriteLockAsync())
            {
                payment = client.EmitWithAckAsync("payment:add", new { customerId, amount = 10, method = "CASH" });
                await Task.Delay(200);
                flood = [.. Enumerable.Range(0, 100).Select(_ => client.EmitWithAckAsync("ping"))];

                // The queue (64) is full long before the lock goes: the rest are answered now, not kept in memory.
                var first = await await Task.WhenAny(flood).WaitAsync(Held);
                Assert.Equal("RATE_LIMITED", first[0].ErrorCode());
                Assert.False(payment.IsCompleted);
            }

            var acks = await Task.WhenAll(flood);
            Assert.True(acks.Count(a => a[0].ErrorCode() == "RATE_LIMITED") >= 100 - 64);
            Assert.True((await payment)[0].TryGetProperty("id", out _));
            Assert.True(client.Connected);
        }
    }

    private async Task<(SocketIOClient Client, Guid CustomerId)> ConnectAsync(string customer)
    {
        using var admin = await app.AdminClientAsync();
        var customerId = await ApiScenario.CreateCustomerAsync(admin, customer);
        var token = await app.TokenAsync(DashboardApp.AdminEmail, app.AdminPassword);
        var client = await SocketIOClient.ConnectAsync(app.BaseAddress, token, secondNamespace: SocketIOEndpoint.AdminNamespace);
        Assert.True(client.Connected, client.ConnectErrorMessage);
        Assert.Equal("pong", (await client.EmitWithAckToAsync(SocketIOEndpoint.AdminNamespace, "ping"))[0].GetString());
        return (client, customerId);
    }

    /// <summary>SQLite's write lock, taken as a long write elsewhere would hold it: the app's writes wait until it is released.</summary>
    private async Task<SqliteConnection> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "dashboard.db")};Pooling=False");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync();
        return connection; // disposing it rolls back and releases the lock
    }
}
