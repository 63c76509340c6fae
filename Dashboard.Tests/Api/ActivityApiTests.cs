using System.Net;
using System.Net.Http.Json;
using Dashboard.Domain.Common;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Api;

public sealed class ActivityApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task Limit_still_returns_the_latest_entries_as_a_list()
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        await ApiScenario.CreateCustomerAsync(admin, $"Limit {tag} A");
        await ApiScenario.CreateCustomerAsync(admin, $"Limit {tag} B");

        var list = await ApiAssert.Json(await admin.GetAsync("/api/v1/activity?limit=2"));
        Assert.Equal([$"Created customer Limit {tag} B", $"Created customer Limit {tag} A"],
            list.EnumerateArray().Select(e => e.GetProperty("summary").GetString()));
        Assert.Equal("api", list[0].GetProperty("channel").GetString());
        var filtered = await ApiAssert.Json(await admin.GetAsync($"/api/v1/activity?limit=5&search={tag}%20a"));
        Assert.Equal(1, filtered.GetArrayLength());
    }

    [Fact]
    public async Task Filters_and_paging_return_a_page_with_the_total()
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var id = await ApiScenario.CreateCustomerAsync(admin, $"Paged {tag}");
        for (var i = 1; i <= 3; i++)
        {
            await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/payments",
                new { customerId = id, amount = 10 * i, method = "CASH", paymentDate = app.Today.ToString("yyyy-MM-dd") }), HttpStatusCode.Created);
        }

        var today = app.Today.ToString("yyyy-MM-dd");
        var adminId = (await ApiAssert.Json(await admin.GetAsync("/api/v1/activity?limit=1")))[0].GetProperty("userId").GetString();
        var page = await ApiAssert.Json(await admin.GetAsync(
            $"/api/v1/activity?entityType=payment&channel=api&action=payment.added&user={adminId}&search={tag}&from={today}&to={today}&page=1&pageSize=2"));
        Assert.Equal((3, 1, 2), (page.GetProperty("total").GetInt32(), page.GetProperty("pageNumber").GetInt32(), page.GetProperty("pageSize").GetInt32()));
        Assert.Equal([$"Paged {tag} paid ₹30.00 by Cash", $"Paged {tag} paid ₹20.00 by Cash"],
            page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("summary").GetString()));

        var oldest = await ApiAssert.Json(await admin.GetAsync($"/api/v1/activity?entityType=payment&search={tag}&order=oldest&pageSize=1"));
        Assert.Equal($"Paged {tag} paid ₹10.00 by Cash", oldest.GetProperty("items")[0].GetProperty("summary").GetString());
        var none = await ApiAssert.Json(await admin.GetAsync($"/api/v1/activity?channel=socket.io&search={tag}&page=1"));
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=5&page=1", "limit")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("channel=fax", "channel")]
    [InlineData("from=22-11-2026", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-11-22&to=2026-11-21", "to")]
    [InlineData("order=sideways", "order")]
    public async Task Bad_filters_get_400_validation_failed_naming_the_field(string query, string field)
    {
        using var admin = await app.AdminClientAsync();
        var problem = await ApiAssert.Problem(await admin.GetAsync($"/api/v1/activity?{query}"), HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_number_that_is_not_a_number_gets_400_not_a_500()
    {
        using var admin = await app.AdminClientAsync();
        await ApiAssert.Problem(await admin.GetAsync("/api/v1/activity?page=first"), HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
    }

    [Fact]
    public async Task A_delivery_agent_may_not_read_the_feed()
    {
        using var admin = await app.AdminClientAsync();
        var (email, password) = await ApiScenario.CreateUserAsync(admin, Roles.Delivery);
        using var agent = await app.ClientAsync(email, password);
        await ApiAssert.Problem(await agent.GetAsync("/api/v1/activity?page=1"), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }
}
