using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Api;

/// <summary>
/// One rule for business days: a write is about a day in the configured window around today (here 30 days back), a
/// read or a filter names a day from 2000 to 2100; outside, a 400 that names the field, nothing written, never a 500.
/// </summary>
public sealed class BusinessDateTests(BusinessDateApp app) : IClassFixture<BusinessDateApp>
{
    [Theory]
    [InlineData("/api/v1/payments", "{\"customerId\":\"{c}\",\"amount\":10,\"method\":\"CASH\",\"paymentDate\":\"0001-01-01\"}", "paymentDate")]
    [InlineData("/api/v1/payments", "{\"customerId\":\"{c}\",\"amount\":10,\"method\":\"CASH\",\"paymentDate\":\"{back31}\"}", "paymentDate")]
    [InlineData("/api/v1/payments", "{\"customerId\":\"{c}\",\"amount\":10,\"method\":\"CASH\",\"paymentDate\":\"{ahead1}\"}", "paymentDate")]
    [InlineData("/api/v1/deliveries", "{\"customerId\":\"{c}\",\"quantity\":1,\"date\":\"2020-01-01\"}", "date")]
    [InlineData("/api/v1/deliveries", "{\"customerId\":\"{c}\",\"quantity\":1,\"date\":\"{back31}\"}", "date")]
    [InlineData("/api/v1/deliveries", "{\"customerId\":\"{c}\",\"quantity\":1,\"status\":\"pending\",\"date\":\"{ahead8}\"}", "date")]
    [InlineData("/api/v1/deliveries/generate", "{\"date\":\"0001-01-01\"}", "date")]
    [InlineData("/api/v1/deliveries/generate", "{\"date\":\"{ahead8}\"}", "date")]
    [InlineData("/api/v1/deliveries/mark-delivered", "{\"date\":\"0001-01-01\",\"route\":\"\"}", "date")]
    public async Task A_write_about_a_day_outside_the_window_gets_400_naming_the_field_and_writes_nothing(string path, string body, string field)
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Dated " + Guid.NewGuid().ToString("N")[..6]);
        var json = body.Replace("{c}", customer.ToString()).Replace("{back31}", Day(-31)).Replace("{ahead1}", Day(1)).Replace("{ahead8}", Day(8));
        await using var before = app.Db();
        var entries = await before.DailyEntries.CountAsync();

        var response = await admin.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ApiAssert.Problem(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await using var db = app.Db();
        Assert.False(await db.Payments.AnyAsync(p => p.CustomerId == customer));
        Assert.Equal(entries, await db.DailyEntries.CountAsync());
    }

    [Fact]
    public async Task The_window_edges_are_inside_it()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Window Edges");

        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount = 10, method = "CASH", paymentDate = Day(-30), confirmBackdated = true }),
            HttpStatusCode.Created);
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, quantity = 1, date = Day(-30) }), HttpStatusCode.Created);
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = customer, quantity = 1, status = "pending", date = Day(7) }),
            HttpStatusCode.Created);
        await using var db = app.Db();
        Assert.Equal(2, await db.DailyEntries.CountAsync(e => e.CustomerId == customer));
    }

    [Theory]
    [InlineData("/api/v1/activity?to=9999-12-31", "to")]
    [InlineData("/api/v1/activity?page=1&from=0001-01-01", "from")]
    [InlineData("/api/v1/activity?page=1&from=1999-12-31&to=2026-01-01", "from")]
    [InlineData("/api/v1/payments?to=9999-12-31", "to")]
    [InlineData("/api/v1/payments?page=1&from=0001-01-01", "from")]
    [InlineData("/api/v1/deliveries?date=9999-12-31", "date")]
    [InlineData("/api/v1/stats?date=0001-01-01", "date")]
    public async Task A_filter_day_outside_2000_to_2100_gets_400_naming_the_field(string url, string field)
    {
        using var admin = await app.AdminClientAsync();
        var problem = await ApiAssert.Problem(await admin.GetAsync(url), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task An_entry_older_than_the_window_is_closed_to_changes()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Closed Books");
        var id = Guid.CreateVersion7();
        await using (var db = app.Db())
        {
            db.DailyEntries.Add(new Dashboard.Domain.Deliveries.DailyEntryEntity
            {
                Id = id, CustomerId = customer, Date = app.Today.AddDays(-40), Quantity = 1, PricePerLiter = 60, Amount = 60,
                Status = Dashboard.Domain.Deliveries.DeliveryStatus.Delivered, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, Version = 1,
            });
            await db.SaveChangesAsync();
        }

        var problem = await ApiAssert.Problem(await admin.PatchAsJsonAsync($"/api/v1/deliveries/{id}", new { quantity = 5, version = 1 }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty("date", out _), problem.ToString());
        await using var after = app.Db();
        Assert.Equal(1m, (await after.DailyEntries.SingleAsync(e => e.Id == id)).Quantity);
    }

    private string Day(int offset) => app.Today.AddDays(offset).ToString("yyyy-MM-dd");
}

/// <summary>The app with writes allowed 30 days back.</summary>
public sealed class BusinessDateApp : DashboardApp
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Dashboard:WritableDaysBack"] = "30",
    };
}
