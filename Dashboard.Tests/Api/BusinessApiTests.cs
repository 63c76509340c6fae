using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Realtime;
using Dashboard.Tests.Realtime.SocketIO;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Api;

/// <summary>
/// The business's profile and its open/closed status: who may change which, what every connected client hears, and a
/// customer's order refused with BUSINESS_CLOSED while it is closed — over REST, SignalR and Socket.IO, nothing written —
/// while staff still take one.
/// </summary>
public sealed class BusinessApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task Every_role_reads_the_profile_only_an_admin_changes_it_and_bad_input_changes_nothing()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Profile Reader");
        var (customerEmail, customerPassword) = await ApiScenario.CreateUserAsync(admin, "Customer", customer);
        var (staffEmail, staffPassword) = await ApiScenario.CreateUserAsync(admin, "Staff");
        using var customerApi = await app.ClientAsync(customerEmail, customerPassword);
        using var staff = await app.ClientAsync(staffEmail, staffPassword);

        var first = await ApiAssert.Json(await customerApi.GetAsync("/api/v1/business"));
        Assert.Equal(("My dairy", true), (first.GetProperty("name").GetString(), first.GetProperty("isOpen").GetBoolean()));
        Assert.False(string.IsNullOrEmpty(first.GetProperty("timeZone").GetString()));

        var version = first.GetProperty("version").GetInt32();
        var saved = await ApiAssert.Json(await admin.PutAsJsonAsync("/api/v1/business",
            new { name = "Nandi Dairy", phone = "080 1234 5678", address = "3rd Cross\nMalleswaram", openingHours = "5:30–10:00", version }));
        Assert.Equal(("Nandi Dairy", "3rd Cross\nMalleswaram", version + 1),
            (saved.GetProperty("name").GetString(), saved.GetProperty("address").GetString(), saved.GetProperty("version").GetInt32()));

        await ApiAssert.Problem(await staff.PutAsJsonAsync("/api/v1/business", new { name = "Taken over" }), HttpStatusCode.Forbidden, "FORBIDDEN");
        var blank = await ApiAssert.Problem(await admin.PutAsJsonAsync("/api/v1/business", new { name = " " }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(blank.GetProperty("errors").TryGetProperty("name", out _));
        await ApiAssert.Problem(await admin.PutAsJsonAsync("/api/v1/business", new { name = "Two\nlines" }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await ApiAssert.Problem(await admin.PutAsJsonAsync("/api/v1/business", new { phone = "1", version }), HttpStatusCode.Conflict, "CONFLICT");

        var after = await ApiAssert.Json(await staff.GetAsync("/api/v1/business"));
        Assert.Equal(("Nandi Dairy", "080 1234 5678", version + 1),
            (after.GetProperty("name").GetString(), after.GetProperty("phone").GetString(), after.GetProperty("version").GetInt32()));
    }

    [Theory]
    [InlineData("signalr")]
    [InlineData("socket.io")]
    public async Task Closed_every_client_hears_it_a_customers_order_is_refused_everywhere_and_staff_still_place_one(string transport)
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var customer = await ApiScenario.CreateCustomerAsync(admin, $"Hungry {tag}");
        var product = await ApiScenario.CreateProductAsync(admin, $"Curd {tag}", 30m);
        var (customerEmail, customerPassword) = await ApiScenario.CreateUserAsync(admin, "Customer", customer);
        var (staffEmail, staffPassword) = await ApiScenario.CreateUserAsync(admin, "Staff");
        var (agentEmail, agentPassword) = await ApiScenario.CreateUserAsync(admin, "Delivery");
        using var customerApi = await app.ClientAsync(customerEmail, customerPassword);
        using var staff = await app.ClientAsync(staffEmail, staffPassword);

        await using var owner = await BothTransports.ConnectAsync(app, transport, DashboardApp.AdminEmail, app.AdminPassword);
        await using var staffApp = await BothTransports.ConnectAsync(app, transport, staffEmail, staffPassword);
        await using var agentApp = await BothTransports.ConnectAsync(app, transport, agentEmail, agentPassword);
        await using var customerApp = await BothTransports.ConnectAsync(app, transport, customerEmail, customerPassword);
        var (ownerAdminNamespace, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword, ns: "/admin");
        await using (ownerAdminNamespace)
        {
            try
            {
                await ApiAssert.Problem(await customerApi.PutAsJsonAsync("/api/v1/business/status", new { isOpen = false }), HttpStatusCode.Forbidden, "FORBIDDEN");
                await ApiAssert.Problem(await staff.PutAsJsonAsync("/api/v1/business/status", new { message = "no flag" }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
                var closed = await ApiAssert.Json(await staff.PutAsJsonAsync("/api/v1/business/status", new { isOpen = false, message = $"Power cut {tag}" }));
                Assert.False(closed.GetProperty("isOpen").GetBoolean());

                foreach (var client in new NodeClient[] { owner, staffApp, agentApp, customerApp, ownerAdminNamespace })
                {
                    var heard = await client.WaitForEventAsync("business:status:update", e => e[0].GetProperty("message").GetString() == $"Power cut {tag}");
                    Assert.False(heard[0].GetProperty("isOpen").GetBoolean());
                    Assert.False(string.IsNullOrEmpty(heard[0].GetProperty("businessName").GetString()));
                }

                var order = new { items = new[] { new { productId = product, quantity = 1 } } };
                var refused = await ApiAssert.Problem(await customerApi.PostAsJsonAsync("/api/v1/orders", order), HttpStatusCode.Conflict, "BUSINESS_CLOSED");
                Assert.Contains($"Power cut {tag}", refused.GetProperty("detail").GetString());
                Assert.Equal("BUSINESS_CLOSED", (await BothTransports.CallAsync(customerApp, "order:place", order)).ErrorCode());
                var error = await customerApp.WaitForEventAsync("error", e => e[0].GetProperty("code").GetString() == "BUSINESS_CLOSED");
                Assert.Contains("closed", error[0].GetProperty("message").GetString());
                await using (var db = app.Db())
                {
                    Assert.Equal(0, await db.Orders.CountAsync(o => o.CustomerId == customer));
                    Assert.True(await db.Activity.AnyAsync(a => a.Action == "business.closed" && a.Summary.Contains($"Power cut {tag}")));
                }

                // The office still takes a phone order while closed to the apps.
                await ApiAssert.Json(await staff.PostAsJsonAsync("/api/v1/orders", new { customerId = customer, order.items }), HttpStatusCode.Created);
            }
            finally
            {
                await ApiAssert.Json(await admin.PutAsJsonAsync("/api/v1/business/status", new { isOpen = true }));
            }

            await customerApp.WaitForEventAsync("business:status:update", e => e[0].GetProperty("isOpen").GetBoolean());
            Assert.Null((await BothTransports.CallAsync(customerApp, "order:place", new { items = new[] { new { productId = product, quantity = 1 } } })).ErrorCode());
            await using var after = app.Db();
            Assert.Equal(2, await after.Orders.CountAsync(o => o.CustomerId == customer));
        }
    }
}
