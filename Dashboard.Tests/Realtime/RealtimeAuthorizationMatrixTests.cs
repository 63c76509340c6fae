using System.Text.Json;
using Dashboard.Domain.Common;
using Dashboard.Realtime;
using Dashboard.Tests.Api;
using Dashboard.Tests.Realtime.SocketIO;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Realtime;

/// <summary>
/// Every client → server event × every role, over SignalR and Socket.IO, generated from
/// <see cref="RealtimeCommands.Operations"/> and the rules table: a role without access gets FORBIDDEN, one with access
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
                foreach (var (name, operation) in RealtimeCommands.Operations)
                {
                    var payload = Payload(name, roleRoom);
                    var result = payload is null ? await client.InvokeAsync(name) : await client.InvokeAsync(name, payload);
                    Check(wrong, name, operation, role, result.ErrorCode());
                }
            }
        }
        else
        {
            var (client, _) = await SocketIOScenario.ConnectAsync(app, email, password);
            await using (client)
            {
                foreach (var (name, operation) in RealtimeCommands.Operations)
                {
                    var payload = Payload(name, roleRoom);
                    var ack = payload is null ? await client.EmitWithAckAsync(name) : await client.EmitWithAckAsync(name, payload);
                    Check(wrong, name, operation, role, ack.Length > 0 ? ack[0].ErrorCode() : null);
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public void Every_event_the_hub_answers_is_in_the_table()
    {
        var hubMethods = typeof(Dashboard.Realtime.SignalR.LiveHub).GetMethods()
            .Select(m => m.GetCustomAttributes(typeof(Microsoft.AspNetCore.SignalR.HubMethodNameAttribute), false)
                .Cast<Microsoft.AspNetCore.SignalR.HubMethodNameAttribute>().FirstOrDefault()?.Name)
            .OfType<string>().Where(n => n != "events:since").Order();
        Assert.Equal(RealtimeCommands.Operations.Keys.Order(), hubMethods);
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
    private static object? Payload(string name, string roleRoom) => name switch
    {
        RealtimeCommands.DeliveryUpdate => new { id = Guid.NewGuid(), quantity = 1 },
        RealtimeCommands.PaymentAdd => new { customerId = Guid.NewGuid(), amount = 1, method = "CASH" },
        RealtimeCommands.CustomerUpdate => new { id = Guid.NewGuid(), name = "Nobody" },
        RealtimeCommands.ActivityRequest => 5,
        RealtimeCommands.JoinRoom or RealtimeCommands.LeaveRoom => new { room = roleRoom },
        RealtimeCommands.JoinOrder or RealtimeCommands.LeaveOrder => new { orderId = "order-1" },
        RealtimeCommands.Register => new { userId = "someone-else", role = "admin" },
        _ => null,
    };

    private async Task<(int, int, int, int)> CountRowsAsync()
    {
        await using var db = app.Db();
        return (await db.Activity.CountAsync(), await db.Payments.CountAsync(), await db.DailyEntries.CountAsync(), await db.Customers.CountAsync());
    }
}
