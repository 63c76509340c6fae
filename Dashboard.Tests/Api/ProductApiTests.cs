using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Domain.Common;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Api;

public sealed class ProductApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task A_product_is_created_listed_read_and_changed_over_rest_with_its_activity_rows()
    {
        using var admin = await app.AdminClientAsync();
        var name = $"Curd {Tag()} 500 g";
        var response = await admin.PostAsJsonAsync("/api/v1/products", new { name = $"  {name} ", unit = "piece", price = 30.5 });
        var created = await ApiAssert.Json(response, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/products/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal((name, "piece", 30.5m, true, 1), (created.GetProperty("name").GetString(), created.GetProperty("unit").GetString(),
            created.Decimal("price"), created.GetProperty("isActive").GetBoolean(), created.GetProperty("version").GetInt32()));

        var listed = await ApiAssert.Json(await admin.GetAsync("/api/v1/products"));
        Assert.Contains(listed.EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        Assert.Equal(name, (await ApiAssert.Json(await admin.GetAsync($"/api/v1/products/{id}"))).GetProperty("name").GetString());

        // Absent fields stay; the unit is read in any case and stored as written here.
        var repriced = await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/products/{id}", new { price = 32, unit = "KG", version = 1 }));
        Assert.Equal((name, "kg", 32m, true, 2), (repriced.GetProperty("name").GetString(), repriced.GetProperty("unit").GetString(),
            repriced.Decimal("price"), repriced.GetProperty("isActive").GetBoolean(), repriced.GetProperty("version").GetInt32()));

        // Withdrawn: gone from the catalog, still there for staff who ask, and by id.
        await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/products/{id}", new { isActive = false }));
        Assert.DoesNotContain((await ApiAssert.Json(await admin.GetAsync("/api/v1/products"))).EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        var all = await ApiAssert.Json(await admin.GetAsync("/api/v1/products?includeInactive=true"));
        Assert.Contains(all.EnumerateArray(), p => p.GetProperty("id").GetGuid() == id && !p.GetProperty("isActive").GetBoolean());
        Assert.False((await ApiAssert.Json(await admin.GetAsync($"/api/v1/products/{id}"))).GetProperty("isActive").GetBoolean());

        await using var db = app.Db();
        var row = await db.Products.SingleAsync(p => p.Id == id);
        Assert.Equal((32m, "kg", false, 3), (row.Price, row.Unit, row.IsActive, row.Version));
        var activity = await db.Activity.Where(a => a.EntityType == "product" && a.EntityId == id.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["product.created", "product.updated", "product.updated"], activity.Select(a => a.Action));
        Assert.All(activity, a => Assert.Equal(Channel.Api, a.Channel));
        Assert.Null(activity[0].Before);
        Assert.Contains("\"price\":30.5", activity[1].Before, StringComparison.Ordinal);
        Assert.Contains("\"price\":32", activity[1].After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"unit\":\"kg\",\"price\":50}", "name")]
    [InlineData("{\"name\":\"   \",\"unit\":\"kg\",\"price\":50}", "name")]
    [InlineData("{\"name\":\"Evil\\r\\nRow,0\",\"unit\":\"kg\",\"price\":50}", "name")]
    [InlineData("{\"name\":\"Box of curd\",\"unit\":\"box\",\"price\":50}", "unit")]
    [InlineData("{\"name\":\"No unit\",\"price\":50}", "unit")]
    [InlineData("{\"name\":\"Free curd\",\"unit\":\"piece\",\"price\":0}", "price")]
    [InlineData("{\"name\":\"Owing curd\",\"unit\":\"piece\",\"price\":-5}", "price")]
    [InlineData("{\"name\":\"Gold curd\",\"unit\":\"piece\",\"price\":1e9}", "price")]
    [InlineData("{\"name\":\"Paisa curd\",\"unit\":\"piece\",\"price\":30.125}", "price")]
    [InlineData("{\"name\":\"No price\",\"unit\":\"piece\"}", "price")]
    public async Task An_invalid_product_gets_400_naming_the_field_and_nothing_is_written(string body, string field)
    {
        using var admin = await app.AdminClientAsync();
        var before = await CountAsync();
        var response = await admin.PostAsync("/api/v1/products", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await ApiAssert.Problem(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("{\"name\":\"\"}", "name")]
    [InlineData("{\"name\":\"Two\\nLines\"}", "name")]
    [InlineData("{\"unit\":\"box\"}", "unit")]
    [InlineData("{\"price\":0}", "price")]
    [InlineData("{\"price\":1e9}", "price")]
    [InlineData("{}", "body")]
    [InlineData("{\"version\":1}", "body")]
    public async Task An_invalid_change_gets_400_naming_the_field_and_the_product_stays_as_it_was(string body, string field)
    {
        using var admin = await app.AdminClientAsync();
        var id = await CreateAsync(admin, $"Steady {Tag()}", "kg", 500m);
        var before = await CountAsync();
        var response = await admin.PutAsync($"/api/v1/products/{id}", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await ApiAssert.Problem(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await CountAsync());
        await using var db = app.Db();
        var row = await db.Products.SingleAsync(p => p.Id == id);
        Assert.Equal(("kg", 500m, 1), (row.Unit, row.Price, row.Version));
    }

    [Fact]
    public async Task A_name_taken_in_any_case_is_409_on_create_and_on_rename_and_nothing_is_written()
    {
        using var admin = await app.AdminClientAsync();
        var tag = Tag();
        await CreateAsync(admin, $"Paneer {tag} 200 g", "piece", 95m);
        var other = await CreateAsync(admin, $"Ghee {tag} 1 kg", "piece", 650m);
        var before = await CountAsync();

        await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/products", new { name = $"PANEER {tag} 200 G", unit = "piece", price = 90 }),
            HttpStatusCode.Conflict, "CONFLICT");
        await ApiAssert.Problem(await admin.PutAsJsonAsync($"/api/v1/products/{other}", new { name = $"paneer {tag} 200 g " }),
            HttpStatusCode.Conflict, "CONFLICT");

        Assert.Equal(before, await CountAsync());
        await using var db = app.Db();
        Assert.Equal(($"Ghee {tag} 1 kg", 1), await db.Products.Where(p => p.Id == other).Select(p => ValueTuple.Create(p.Name, p.Version)).SingleAsync());
        // Renaming a product to its own name in another case is no conflict.
        var renamed = await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/products/{other}", new { name = $"GHEE {tag} 1 KG" }));
        Assert.Equal($"GHEE {tag} 1 KG", renamed.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_stale_version_is_409_and_the_newer_change_stays()
    {
        using var admin = await app.AdminClientAsync();
        var id = await CreateAsync(admin, $"Butter {Tag()}", "kg", 560m);
        await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/products/{id}", new { price = 570, version = 1 }));
        var before = await CountAsync();

        await ApiAssert.Problem(await admin.PutAsJsonAsync($"/api/v1/products/{id}", new { price = 540, version = 1 }), HttpStatusCode.Conflict, "CONFLICT");

        Assert.Equal(before, await CountAsync());
        await using var db = app.Db();
        Assert.Equal((570m, 2), await db.Products.Where(p => p.Id == id).Select(p => ValueTuple.Create(p.Price, p.Version)).SingleAsync());
    }

    [Fact]
    public async Task An_unknown_product_is_404()
    {
        using var admin = await app.AdminClientAsync();
        await ApiAssert.Problem(await admin.GetAsync($"/api/v1/products/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "NOT_FOUND");
        await ApiAssert.Problem(await admin.PutAsJsonAsync($"/api/v1/products/{Guid.NewGuid()}", new { price = 10 }), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Theory]
    [InlineData("Customer")]
    [InlineData("Delivery")]
    public async Task A_customer_or_an_agent_reads_the_catalog_but_may_not_change_it_and_nothing_is_written(string role)
    {
        using var admin = await app.AdminClientAsync();
        var id = await CreateAsync(admin, $"Extra milk {Tag()} 1 L", "L", 56m);
        var withdrawn = await CreateAsync(admin, $"Old curd {Tag()}", "piece", 25m);
        await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/products/{withdrawn}", new { isActive = false }));
        var customer = role == "Customer" ? await ApiScenario.CreateCustomerAsync(admin, $"Orders extras {Tag()}") : (Guid?)null;
        var (email, password) = await ApiScenario.CreateUserAsync(admin, role, customer);
        using var client = await app.ClientAsync(email, password);
        var before = await CountAsync();

        var catalog = await ApiAssert.Json(await client.GetAsync("/api/v1/products"));
        Assert.Contains(catalog.EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        Assert.DoesNotContain(catalog.EnumerateArray(), p => p.GetProperty("id").GetGuid() == withdrawn);
        Assert.Equal(56m, (await ApiAssert.Json(await client.GetAsync($"/api/v1/products/{id}"))).Decimal("price"));

        await ApiAssert.Problem(await client.GetAsync("/api/v1/products?includeInactive=true"), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await client.PostAsJsonAsync("/api/v1/products", new { name = $"Mine {Tag()}", unit = "piece", price = 1 }),
            HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await client.PutAsJsonAsync($"/api/v1/products/{id}", new { price = 1, version = 1 }), HttpStatusCode.Forbidden, "FORBIDDEN");

        Assert.Equal(before, await CountAsync());
        await using var db = app.Db();
        Assert.Equal((56m, 1), await db.Products.Where(p => p.Id == id).Select(p => ValueTuple.Create(p.Price, p.Version)).SingleAsync());
    }

    [Fact]
    public async Task The_product_endpoints_are_in_the_openapi_document_with_their_summaries()
    {
        using var anonymous = app.Anonymous();
        var doc = await ApiAssert.Json(await anonymous.GetAsync("/openapi/v1.json"));
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/products", out var list), "no /api/v1/products");
        Assert.True(paths.TryGetProperty("/api/v1/products/{id}", out var one), "no /api/v1/products/{id}");
        foreach (var operation in new[] { list.GetProperty("get"), list.GetProperty("post"), one.GetProperty("get"), one.GetProperty("put") })
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
        }

        Assert.True(list.GetProperty("post").GetProperty("responses").TryGetProperty("409", out _));
    }

    private static async Task<Guid> CreateAsync(HttpClient admin, string name, string unit, decimal price) =>
        (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/products", new { name, unit, price }), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private async Task<(int, int)> CountAsync()
    {
        await using var db = app.Db();
        return (await db.Products.CountAsync(), await db.Activity.CountAsync());
    }
}
