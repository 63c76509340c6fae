using System.Net.Http.Json;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Realtime.SocketIO;

/// <summary>Writes over Socket.IO go through the same domain as REST and the hub: rows written, acks, errors, nothing half-done.</summary>
public sealed class SocketIOWriteTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task Payment_add_writes_the_row_acks_the_payment_and_logs_the_socket_io_channel()
    {
        using var admin = await app.AdminClientAsync();
        var customerId = await ApiScenario.CreateCustomerAsync(admin, "Pays Over Socket");
        var (client, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (client)
        {
            var ack = (await client.EmitWithAckAsync("payment:add", new { customerId, amount = 150.5, method = "MOBILE", note = "app" }))[0];
            Assert.Null(ack.ErrorCode());
            var id = ack.GetProperty("id").GetGuid();
            await client.WaitForEventAsync("payment:added", x => x.Is("id", id));
            await client.WaitForEventAsync("balance:updated", x => x.Is("customerId", customerId));

            await using var db = app.Db();
            var row = await db.Payments.SingleAsync(p => p.Id == id);
            Assert.Equal(150.5m, row.Amount);
            Assert.Contains(await db.Activity.Where(a => a.EntityId == id.ToString()).ToListAsync(),
                a => a.Channel == Dashboard.Domain.Common.Channel.SocketIo);
        }
    }

    [Fact]
    public async Task A_rejected_payment_gets_the_error_event_and_ack_and_writes_nothing()
    {
        using var admin = await app.AdminClientAsync();
        var customerId = await ApiScenario.CreateCustomerAsync(admin, "Refused Over Socket");
        var (client, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (client)
        {
            var ack = (await client.EmitWithAckAsync("payment:add", new { customerId, amount = -5, method = "CASH" }))[0];
            Assert.Equal("VALIDATION_FAILED", ack.ErrorCode());
            var error = (await client.WaitForEventAsync("error"))[0];
            Assert.Equal("VALIDATION_FAILED", error.GetProperty("code").GetString());
            Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));

            var missing = (await client.EmitWithAckAsync("payment:add", new { customerId = Guid.NewGuid(), amount = 5, method = "CASH" }))[0];
            Assert.Equal("NOT_FOUND", missing.ErrorCode());

            await using var db = app.Db();
            Assert.False(await db.Payments.AnyAsync(p => p.CustomerId == customerId));
            Assert.True(client.Connected);
        }
    }

    [Fact]
    public async Task A_customer_cannot_pay_for_another_customer_over_socket_io()
    {
        using var admin = await app.AdminClientAsync();
        var other = await ApiScenario.CreateCustomerAsync(admin, "Someone Else");
        var (client, _, _, _) = await SocketIOScenario.ConnectCustomerAsync(app, admin, "Nosy");
        await using (client)
        {
            var ack = (await client.EmitWithAckAsync("payment:add", new { customerId = other, amount = 5, method = "CASH" }))[0];
            Assert.Equal("FORBIDDEN", ack.ErrorCode());
            await using var db = app.Db();
            Assert.False(await db.Payments.AnyAsync(p => p.CustomerId == other));
        }
    }

    [Fact]
    public async Task Customer_update_over_socket_io_is_written_and_broadcast()
    {
        using var admin = await app.AdminClientAsync();
        var customerId = await ApiScenario.CreateCustomerAsync(admin, "Renamed Over Socket");
        await ApiScenario.EnsureRouteAsync(admin, "East");
        var (client, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword, "polling");
        await using (client)
        {
            var ack = (await client.EmitWithAckAsync("customer:update", new { id = customerId, route = "East" }))[0];
            Assert.Null(ack.ErrorCode());
            await client.WaitForEventAsync("customer:updated", x => x.Is("id", customerId));
            await using var db = app.Db();
            Assert.Equal("East", (await db.Customers.SingleAsync(c => c.Id == customerId)).Route);
        }
    }
}
