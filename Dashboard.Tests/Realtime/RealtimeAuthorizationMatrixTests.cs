using Dashboard.Activity;
using Dashboard.Customers;
using Dashboard.Deliveries;
using Dashboard.Domain.Common;
using Dashboard.Notifications;
using Dashboard.Payments;
using Dashboard.Realtime;
using Dashboard.Tests.Api;
using Dashboard.Tests.Realtime.SocketIO;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Realtime;

/// <summary>
/// Every client → server event × every role, over SignalR and Socket.IO, generated from
/// the real-time catalog (every feature's declared commands) and the rules table: a role without access gets FORBIDDEN, one with access
/// is let through (whatever the near-empty payload then earns), and nothing is written.
/// </summary>
public sealed class RealtimeAuthorizationMatrixTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var transport in new[] { "signalr", "socket.io" })
        {
            foreach (var role in Roles.All)
            {
                data.Add(transport, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_role_may_send_exactly_the_events_the_rules_table_gives_it(string transport, string role)
    {
        using var admin = await app.AdminClientAsync();
        var own = await ApiScenario.CreateCustomerAsync(admin, $"Events {transport} {role}");
        var (email, password) = role == Roles.Admin
            ? (DashboardApp.AdminEmail, app.AdminPassword)
            : await ApiScenario.CreateUserAsync(admin, role, role == Roles.Customer ? own : null);
        var before = await CountRowsAsync();
        var wrong = new List<string>();
        var roleRoom = Rooms.Role(role);

        if (transport == "signalr")
        {
            var (client, _) = await HubScenario.ConnectAsync(app, email, password);
            await using (client)
            {
                foreach (var command in Commands)
                {
                    var payload = Payload(command, roleRoom);
                    var result = payload is null ? await client.InvokeAsync(command.Name) : await client.InvokeAsync(command.Name, payload);
                    Check(wrong, command.Name, command.Operation, role, result.ErrorCode());
                }
            }
        }
        else
        {
            var (client, _) = await SocketIOScenario.ConnectAsync(app, email, password);
            await using (client)
            {
                foreach (var command in Commands)
                {
                    var payload = Payload(command, roleRoom);
                    var ack = payload is null ? await client.EmitWithAckAsync(command.Name) : await client.EmitWithAckAsync(command.Name, payload);
                    Check(wrong, command.Name, command.Operation, role, ack.Length > 0 ? ack[0].ErrorCode() : null);
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public void The_catalog_holds_every_feature_s_commands()
    {
        string[] expected =
        [
            "activity:request", "activity:stop-typing", "activity:typing", "chat:message", "chat:read", "chat:typing", "customer:update", "delivery:location", "delivery:status", "delivery:update", "heartbeat", "join-room", "join:order", "leave-room", "leave:order",
            "notification:read", "notification:read-all", "order:cancel", "order:place", "order:status", "page:navigate", "payment:add", "ping", "register", "stats:request", "subscription:get", "subscription:pause", "subscription:resume",
        ];
        Assert.Equal(expected, app.Services.GetRequiredService<RealtimeCatalog>().CommandNames.Order(StringComparer.Ordinal));
    }

    /// <summary>Each command under its own catalog name, by its declared arity (SignalR binds none or one argument).</summary>
    private IEnumerable<(string Name, Operation? Operation, bool TakesPayload)> Commands
    {
        get
        {
            var catalog = app.Services.GetRequiredService<RealtimeCatalog>();
            foreach (var name in catalog.CommandNames.Order(StringComparer.Ordinal))
            {
                catalog.TryGetCommand(name, out var command);
                yield return (name, command.Operation, command.TakesPayload);
            }
        }
    }

    private static void Check(List<string> wrong, string name, Operation? operation, string role, string? errorCode)
    {
        var allowed = operation is not { } op || Permissions.AccessOf(role, op) != Access.None;
        var ok = allowed ? errorCode is not (ErrorCodes.Forbidden or ErrorCodes.Unauthenticated) : errorCode == ErrorCodes.Forbidden;
        if (!ok)
        {
            wrong.Add($"{name} as {role} ({operation?.ToString() ?? "any signed-in"}): expected {(allowed ? "to be let through" : "FORBIDDEN")}, got {errorCode ?? "success"}");
        }
    }

    // The least each event needs to get past its own shape checks; ids that exist nowhere, so nothing can be written.
    // A command the table below does not know yet gets an empty object: past the rules, its own checks refuse it.
    private static object? Payload((string Name, Operation? Operation, bool TakesPayload) command, string roleRoom) => !command.TakesPayload
        ? null
        : command.Name switch
        {
            DeliveryRealtime.Update => new { id = Guid.NewGuid(), quantity = 1 },
            PaymentRealtime.Add => new { customerId = Guid.NewGuid(), amount = 1, method = "CASH" },
            CustomerRealtime.Update => new { id = Guid.NewGuid(), name = "Nobody" },
            ActivityRealtime.Request => 5,
            RealtimeCore.JoinRoom or RealtimeCore.LeaveRoom => new { room = roleRoom },
            RealtimeCore.JoinOrder or RealtimeCore.LeaveOrder => new { orderId = "order-1" },
            RealtimeCore.Register => new { userId = "someone-else", role = "admin" },
            NotificationRealtime.Read => new { id = Guid.NewGuid() },
            _ => new { },
        };

    private async Task<(int, int, int, int, int)> CountRowsAsync()
    {
        await using var db = app.Db();
        return (await db.Activity.CountAsync(), await db.Payments.CountAsync(), await db.DailyEntries.CountAsync(), await db.Customers.CountAsync(),
            await db.Notifications.CountAsync());
    }
}
