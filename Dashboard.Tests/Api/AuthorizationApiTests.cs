using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Api;

/// <summary>What each role may do over REST; a rejected request writes nothing.</summary>
public sealed class AuthorizationApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task A_customer_reads_their_own_account_and_nobody_elses()
    {
        using var admin = await app.AdminClientAsync();
        var mine = await ApiScenario.CreateCustomerAsync(admin, "Own Account");
        var other = await ApiScenario.CreateCustomerAsync(admin, "Someone Else");
        await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = other, amount = 99, method = "CASH" });
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Customer", mine);
        using var customer = await app.ClientAsync(email, password);

        await ApiAssert.Json(await customer.GetAsync($"/api/v1/customers/{mine}"));
        await ApiAssert.Json(await customer.GetAsync($"/api/v1/customers/{mine}/balance"));
        await ApiAssert.Json(await customer.GetAsync($"/api/v1/customers/{mine}/ledger"));
        foreach (var url in new[] { $"/api/v1/customers/{other}", $"/api/v1/customers/{other}/balance", $"/api/v1/customers/{other}/ledger", $"/api/v1/payments?customerId={other}" })
        {
            await ApiAssert.Problem(await customer.GetAsync(url), HttpStatusCode.Forbidden, "FORBIDDEN");
        }

        var own = await ApiAssert.Json(await customer.GetAsync("/api/v1/payments"));
        Assert.All(own.EnumerateArray(), p => Assert.Equal(mine, p.GetProperty("customerId").GetGuid()));
        foreach (var url in new[] { "/api/v1/customers", "/api/v1/stats", "/api/v1/activity", "/api/v1/users", "/api/v1/deliveries" })
        {
            await ApiAssert.Problem(await customer.GetAsync(url), HttpStatusCode.Forbidden, "FORBIDDEN");
        }
    }

    [Fact]
    public async Task A_customer_cannot_write_and_nothing_is_written()
    {
        using var admin = await app.AdminClientAsync();
        var mine = await ApiScenario.CreateCustomerAsync(admin, "Cannot Write");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Customer", mine);
        using var customer = await app.ClientAsync(email, password);

        await ApiAssert.Problem(await customer.PostAsJsonAsync("/api/v1/payments", new { customerId = mine, amount = 10, method = "CASH" }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await customer.PostAsJsonAsync("/api/v1/deliveries", new { customerId = mine, date = app.Today, quantity = 1 }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await customer.PutAsJsonAsync($"/api/v1/customers/{mine}", new { pricePerLiter = 1 }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await using var db = app.Db();
        Assert.False(await db.Payments.AnyAsync(p => p.CustomerId == mine));
        Assert.False(await db.DailyEntries.AnyAsync(e => e.CustomerId == mine));
        Assert.Equal(60m, (await db.Customers.SingleAsync(c => c.Id == mine)).PricePerLiter);
    }

    [Theory]
    [InlineData("/api/v1/customers")]
    [InlineData("/api/v1/customers/{id}")]
    [InlineData("/api/v1/customers/{id}/balance")]
    [InlineData("/api/v1/customers/{id}/ledger")]
    [InlineData("/api/v1/customers/{id}/ledger.csv")]
    public async Task A_delivery_agent_reads_no_customer_record_balance_or_ledger(string path)
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Agent Reads");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Delivery");
        using var agent = await app.ClientAsync(email, password);

        await ApiAssert.Problem(await agent.GetAsync(path.Replace("{id}", customer.ToString())), HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task A_delivery_agent_records_deliveries_and_cash_but_not_other_payments()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Agent Route");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Delivery");
        using var agent = await app.ClientAsync(email, password);

        await ApiAssert.Json(await agent.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, date = app.Today, quantity = 1 }), HttpStatusCode.Created);
        await ApiAssert.Json(await agent.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount = 50, method = "CASH" }), HttpStatusCode.Created);
        await ApiAssert.Problem(await agent.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount = 70, method = "BANK" }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await agent.PostAsJsonAsync("/api/v1/customers", new { name = "Nope", defaultQuantity = 1, pricePerLiter = 50 }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await using var db = app.Db();
        Assert.Equal([50m], await db.Payments.Where(p => p.CustomerId == customer).Select(p => p.Amount).ToListAsync());
    }

    [Fact]
    public async Task A_delivery_agent_records_quantity_and_status_but_never_the_price()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Agent Price");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Delivery");
        using var agent = await app.ClientAsync(email, password);

        await ApiAssert.Problem(await agent.PostAsJsonAsync("/api/v1/deliveries",
            new { customerId = customer, date = app.Today, quantity = 2, pricePerLiter = 0.01 }), HttpStatusCode.Forbidden, "FORBIDDEN");
        await using (var db = app.Db())
        {
            Assert.False(await db.DailyEntries.AnyAsync(e => e.CustomerId == customer));
        }

        var entry = await ApiAssert.Json(await agent.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, date = app.Today, quantity = 2 }),
            HttpStatusCode.Created);
        var id = entry.GetProperty("id").GetGuid();
        await ApiAssert.Problem(await agent.PatchAsJsonAsync($"/api/v1/deliveries/{id}", new { quantity = 2, pricePerLiter = 0.01, version = 1 }),
            HttpStatusCode.Forbidden, "FORBIDDEN");
        var changed = await ApiAssert.Json(await agent.PatchAsJsonAsync($"/api/v1/deliveries/{id}", new { quantity = 3, version = 1 }));
        Assert.Equal(180m, changed.GetProperty("amount").GetDecimal());
        var repriced = await ApiAssert.Json(await admin.PatchAsJsonAsync($"/api/v1/deliveries/{id}", new { pricePerLiter = 50, version = 2 }));
        Assert.Equal(150m, repriced.GetProperty("amount").GetDecimal());

        await using var after = app.Db();
        var row = await after.DailyEntries.SingleAsync(e => e.Id == id);
        Assert.Equal((3m, 50m, 150m, 3), (row.Quantity, row.PricePerLiter, row.Amount, row.Version));
    }

    [Fact]
    public async Task A_delivery_agent_records_todays_cash_not_the_past()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Agent Cash Day");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Delivery");
        using var agent = await app.ClientAsync(email, password);
        var yesterday = app.Today.AddDays(-1);

        await ApiAssert.Problem(await agent.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount = 40, method = "CASH", paymentDate = "2001-01-01" }),
            HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await agent.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount = 40, method = "CASH", paymentDate = yesterday }),
            HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Json(await agent.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount = 41, method = "CASH", paymentDate = app.Today }),
            HttpStatusCode.Created);
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount = 42, method = "CASH", paymentDate = yesterday }),
            HttpStatusCode.Created);

        await using var db = app.Db();
        var rows = await db.Payments.Where(p => p.CustomerId == customer).OrderBy(p => p.Amount).Select(p => new { p.Amount, p.PaymentDate }).ToListAsync();
        Assert.Equal([(41m, app.Today), (42m, yesterday)], rows.Select(r => (r.Amount, r.PaymentDate)));
    }

    [Fact]
    public async Task Only_admins_manage_users()
    {
        using var admin = await app.AdminClientAsync();
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Staff");
        using var staff = await app.ClientAsync(email, password);
        await ApiAssert.Problem(await staff.GetAsync("/api/v1/users"), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await staff.PostAsJsonAsync("/api/v1/users", new { email = "x@test.local", password = "Pw1!abcdefgh", role = "Admin" }), HttpStatusCode.Forbidden, "FORBIDDEN");

        var users = await ApiAssert.Json(await admin.GetAsync("/api/v1/users"));
        Assert.Contains(users.EnumerateArray(), u => u.GetProperty("email").GetString() == email && u.GetProperty("role").GetString() == "Staff");
        await using var db = app.Db();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "x@test.local"));
    }

    [Theory]
    [InlineData("Customer", false, "customerId")]
    [InlineData("Owner", false, "role")]
    [InlineData("Staff", true, "customerId")]
    public async Task Creating_a_user_with_a_bad_role_or_customer_link_is_a_validation_error(string role, bool withCustomer, string field)
    {
        using var admin = await app.AdminClientAsync();
        Guid? customerId = withCustomer ? await ApiScenario.CreateCustomerAsync(admin, "Link " + role) : null;
        var email = $"bad-{Guid.NewGuid():N}@test.local";
        var problem = await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/users", new { email, password = "Pw1!abcdefgh", role, customerId }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        await using var db = app.Db();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task A_weak_password_or_a_taken_email_is_refused()
    {
        using var admin = await app.AdminClientAsync();
        await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/users", new { email = "weak@test.local", password = "123", role = "Staff" }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/users", new { email = DashboardApp.AdminEmail, password = "Pw1!abcdefgh", role = "Staff" }), HttpStatusCode.Conflict, "CONFLICT");
        await using var db = app.Db();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "weak@test.local"));
    }
}
