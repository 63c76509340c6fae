using Dashboard.Domain.Common;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Realtime;

/// <summary>Each client → server event: the success path reaches the writer and every eligible listener; bad input writes nothing.</summary>
public sealed class HubWriteTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task Payment_add_writes_the_row_and_reaches_the_writer_and_other_staff()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Hub Payer");
        var (staffEmail, staffPassword) = await ApiScenario.CreateUserAsync(admin, "Staff");
        var (writer, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        var (listener, _) = await HubScenario.ConnectAsync(app, staffEmail, staffPassword);
        await using (writer)
        await using (listener)
        {
            var result = await writer.InvokeAsync("payment:add", new { customerId = customer, amount = 180.25, method = "MOBILE", note = "via app" });
            var id = result.GetProperty("id").GetGuid();
            foreach (var client in new[] { writer, listener })
            {
                await client.WaitForEventAsync("payment:added", a => a.Is("id", id));
                var balance = await client.WaitForEventAsync("balance:updated", a => a.Is("customerId", customer));
                Assert.Equal(-180.25m, balance[0].GetProperty("balance").GetDecimal());
                await client.WaitForEventAsync("activity:updated");
            }

            await using var db = app.Db();
            Assert.Equal(180.25m, (await db.Payments.SingleAsync(p => p.Id == id)).Amount);
            Assert.True(await db.Activity.AnyAsync(a => a.EntityId == id.ToString() && a.Channel == Channel.Hub));
        }
    }

    [Theory]
    [InlineData("{\"amount\":\"abc\",\"method\":\"CASH\"}")]
    [InlineData("{\"amount\":10,\"method\":\"PAYTM\"}")]
    [InlineData("{\"amount\":0,\"method\":\"CASH\"}")]
    [InlineData("{\"amount\":10}")]
    [InlineData("\"just a string\"")]
    public async Task Bad_payment_input_is_rejected_with_an_error_and_nothing_is_written(string payloadJson)
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Bad Hub Payment");
        var payload = System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(payloadJson);
        if (payload.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            var dict = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object>>(payloadJson)!;
            dict["customerId"] = customer;
            payload = System.Text.Json.JsonSerializer.SerializeToElement(dict);
        }

        var (client, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (client)
        {
            var result = await client.InvokeAsync("payment:add", payload);
            Assert.Equal("VALIDATION_FAILED", result.ErrorCode());
            var error = await client.WaitForEventAsync("error");
            Assert.Equal("VALIDATION_FAILED", error[0].GetProperty("code").GetString());
            Assert.False(string.IsNullOrWhiteSpace(error[0].GetProperty("message").GetString()));
            Assert.Equal("pong", (await client.InvokeAsync("ping")).GetString());
            await client.AssertNoEventAsync("payment:added", null, TimeSpan.FromMilliseconds(300));
        }

        await using var db = app.Db();
        Assert.False(await db.Payments.AnyAsync(p => p.CustomerId == customer));
    }

    [Fact]
    public async Task Delivery_update_changes_the_entry_and_reaches_staff_and_agents()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Hub Delivery", price: 50);
        var date = app.Today.AddDays(-1);
        var entry = await ApiAssert.Json(await admin.PostAsync("/api/v1/deliveries", System.Net.Http.Json.JsonContent.Create(new { customerId = customer, date, quantity = 1 })), System.Net.HttpStatusCode.Created);
        var entryId = entry.GetProperty("id").GetGuid();
        var (agentEmail, agentPassword) = await ApiScenario.CreateUserAsync(admin, "Delivery");
        var (writer, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        var (agent, _) = await HubScenario.ConnectAsync(app, agentEmail, agentPassword);
        await using (writer)
        await using (agent)
        {
            var updated = await writer.InvokeAsync("delivery:update", new { id = entryId, quantity = 2.5 });
            Assert.Equal(125m, updated.GetProperty("amount").GetDecimal());
            var seen = await agent.WaitForEventAsync("delivery:updated", a => a.Is("id", entryId));
            Assert.Equal(2.5m, seen[0].GetProperty("quantity").GetDecimal());
            // Agents see deliveries, not the business's money.
            await agent.AssertNoEventAsync("balance:updated", null, Quiet);

            Assert.Equal("NOT_FOUND", (await writer.InvokeAsync("delivery:update", new { id = Guid.NewGuid(), quantity = 1 })).ErrorCode());
            Assert.Equal("VALIDATION_FAILED", (await writer.InvokeAsync("delivery:update", new { id = entryId, quantity = -4 })).ErrorCode());
            Assert.Equal("VALIDATION_FAILED", (await writer.InvokeAsync("delivery:update", new { quantity = 1 })).ErrorCode());
            // An agent records quantity and status; the price is not theirs to set.
            Assert.Equal("FORBIDDEN", (await agent.InvokeAsync("delivery:update", new { id = entryId, quantity = 9, pricePerLiter = 0.01 })).ErrorCode());
        }

        await using var db = app.Db();
        Assert.Equal(2.5m, (await db.DailyEntries.SingleAsync(e => e.Id == entryId)).Quantity);
    }

    [Fact]
    public async Task Customer_update_changes_the_customer_and_rejects_bad_fields()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Hub Customer", price: 50);
        await ApiScenario.EnsureRouteAsync(admin, "East");
        var (client, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (client)
        {
            var updated = await client.InvokeAsync("customer:update", new { id = customer, route = "East", pricePerLiter = 52 });
            Assert.Equal("East", updated.GetProperty("route").GetString());
            await client.WaitForEventAsync("customer:updated", a => a.Is("id", customer));
            Assert.Equal("VALIDATION_FAILED", (await client.InvokeAsync("customer:update", new { id = customer, pricePerLiter = -1 })).ErrorCode());
            Assert.Equal("VALIDATION_FAILED", (await client.InvokeAsync("customer:update", new { id = customer, name = "" })).ErrorCode());
        }

        await using var db = app.Db();
        var row = await db.Customers.SingleAsync(c => c.Id == customer);
        Assert.Equal(("East", 52m, "Hub Customer"), (row.Route, row.PricePerLiter, row.Name));
    }

    [Fact]
    public async Task Stats_and_activity_requests_answer_the_caller_only()
    {
        var (caller, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        var (other, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (caller)
        await using (other)
        {
            var stats = await caller.InvokeAsync("stats:request");
            Assert.True(stats.TryGetProperty("outstandingDues", out _));
            await caller.WaitForEventAsync("stats:updated");
            var activity = await caller.InvokeAsync("activity:request", 3);
            Assert.True(activity.GetArrayLength() <= 3);
            await caller.WaitForEventAsync("activity:updated");
            await other.AssertNoEventAsync("stats:updated", null, Quiet);
            await other.AssertNoEventAsync("activity:updated", null, TimeSpan.Zero);
            Assert.Equal("VALIDATION_FAILED", (await caller.InvokeAsync("activity:request", "many")).ErrorCode());
        }
    }
}
