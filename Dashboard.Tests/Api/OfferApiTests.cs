using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Realtime;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Api;

/// <summary>
/// Offers: staff create and switch them; switching one on reaches customers' apps on both protocols (not the agents');
/// an order's code takes its discount off the total, or is refused for its reason with nothing written.
/// </summary>
public sealed class OfferApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task A_valid_code_changes_the_total_and_each_refusal_names_its_reason_and_writes_nothing()
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        var customer = await ApiScenario.CreateCustomerAsync(admin, $"Bargain {tag}");
        var product = await ApiScenario.CreateProductAsync(admin, $"Ghee {tag}", 100m);
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Customer", customer);
        using var customerApi = await app.ClientAsync(email, password);

        async Task<Guid> OfferAsync(string code, object extra)
        {
            var body = new Dictionary<string, object?> { ["code"] = code, ["description"] = $"Offer {code}", ["discountType"] = "percent", ["discountValue"] = 10 };
            foreach (var p in extra.GetType().GetProperties())
            {
                body[p.Name] = p.GetValue(extra);
            }

            return (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/offers", body), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        }

        await OfferAsync($"TEN{tag}", new { minOrder = 150 });
        await OfferAsync($"FLAT{tag}", new { discountType = "fixed", discountValue = 500 });
        var off = await OfferAsync($"OFF{tag}", new { isActive = false });
        await OfferAsync($"OLD{tag}", new { validFrom = app.Today.AddDays(-10), validTo = app.Today.AddDays(-1) });
        await OfferAsync($"SOON{tag}", new { validFrom = app.Today.AddDays(3) });

        async Task<string> RefusedAsync(string code, int quantity)
        {
            var problem = await ApiAssert.Problem(await customerApi.PostAsJsonAsync("/api/v1/orders",
                new { items = new[] { new { productId = product, quantity } }, offerCode = code }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
            return problem.GetProperty("errors").GetProperty("offerCode")[0].GetString()!;
        }

        Assert.Contains("no offer", await RefusedAsync($"NOPE{tag}", 2));
        Assert.Contains("not active", await RefusedAsync($"OFF{tag}", 2));
        Assert.Contains("ended", await RefusedAsync($"OLD{tag}", 2));
        Assert.Contains("starts", await RefusedAsync($"SOON{tag}", 2));
        Assert.Contains("at least 150.00", await RefusedAsync($"TEN{tag}", 1));
        await using (var db = app.Db())
        {
            Assert.Equal(0, await db.Orders.CountAsync(o => o.CustomerId == customer));
        }

        var ten = await ApiAssert.Json(await customerApi.PostAsJsonAsync("/api/v1/orders",
            new { items = new[] { new { productId = product, quantity = 2 } }, offerCode = $" ten{tag.ToLowerInvariant()} " }), HttpStatusCode.Created);
        Assert.Equal(($"TEN{tag}", 20m, 180m), (ten.GetProperty("offerCode").GetString(), ten.GetProperty("discount").GetDecimal(), ten.GetProperty("total").GetDecimal()));
        // A fixed discount never takes more than the order is worth.
        var flat = await ApiAssert.Json(await customerApi.PostAsJsonAsync("/api/v1/orders",
            new { items = new[] { new { productId = product, quantity = 1 } }, offerCode = $"FLAT{tag}" }), HttpStatusCode.Created);
        Assert.Equal((100m, 0m), (flat.GetProperty("discount").GetDecimal(), flat.GetProperty("total").GetDecimal()));

        // Switched on, it works; the customer lists only what they can use today.
        await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/offers/{off}", new { isActive = true }));
        var usable = (await ApiAssert.Json(await customerApi.GetAsync("/api/v1/offers"))).EnumerateArray().Select(o => o.GetProperty("code").GetString()).ToList();
        Assert.Contains($"OFF{tag}", usable);
        Assert.DoesNotContain($"OLD{tag}", usable);
        Assert.DoesNotContain($"SOON{tag}", usable);
        await ApiAssert.Problem(await customerApi.PostAsJsonAsync("/api/v1/offers", new { code = "MINE", description = "x", discountType = "fixed", discountValue = 1 }),
            HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task Bad_offers_are_refused_by_field_and_a_taken_code_is_409()
    {
        using var admin = await app.AdminClientAsync();
        async Task<string[]> FieldsAsync(object body) =>
            [.. (await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/offers", body), HttpStatusCode.BadRequest, "VALIDATION_FAILED"))
                .GetProperty("errors").EnumerateObject().Select(p => p.Name)];

        Assert.Equal(["code"], await FieldsAsync(new { code = "a b", description = "x", discountType = "percent", discountValue = 5 }));
        Assert.Equal(["discountValue"], await FieldsAsync(new { code = "PCT101", description = "x", discountType = "percent", discountValue = 101 }));
        Assert.Equal(["discountType"], await FieldsAsync(new { code = "KIND1", description = "x", discountType = "bogo", discountValue = 5 }));
        Assert.Equal(["validTo"], await FieldsAsync(new { code = "BACK1", description = "x", discountType = "fixed", discountValue = 5,
            validFrom = app.Today, validTo = app.Today.AddDays(-1) }));
        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/offers", new { code = "ONCE1", description = "x", discountType = "fixed", discountValue = 5 }),
            HttpStatusCode.Created);
        await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/offers", new { code = "once1", description = "y", discountType = "fixed", discountValue = 5 }),
            HttpStatusCode.Conflict, "CONFLICT");
        await using var db = app.Db();
        Assert.Equal(1, await db.Offers.CountAsync(o => o.Code == "ONCE1"));
        Assert.False(await db.Offers.AnyAsync(o => o.Code == "PCT101" || o.Code == "BACK1"));
    }

    [Theory]
    [InlineData("signalr")]
    [InlineData("socket.io")]
    public async Task Switching_an_offer_on_reaches_every_customers_app_and_staff_never_an_agent(string transport)
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        var customerA = await ApiScenario.CreateCustomerAsync(admin, $"Saver A {tag}");
        var customerB = await ApiScenario.CreateCustomerAsync(admin, $"Saver B {tag}");
        var (emailA, passwordA) = await ApiScenario.CreateUserAsync(admin, "Customer", customerA);
        var (emailB, passwordB) = await ApiScenario.CreateUserAsync(admin, "Customer", customerB);
        var (agentEmail, agentPassword) = await ApiScenario.CreateUserAsync(admin, "Delivery");
        await using var a = await BothTransports.ConnectAsync(app, transport, emailA, passwordA);
        await using var b = await BothTransports.ConnectAsync(app, transport, emailB, passwordB);
        await using var owner = await BothTransports.ConnectAsync(app, transport, DashboardApp.AdminEmail, app.AdminPassword);
        await using var agent = await BothTransports.ConnectAsync(app, transport, agentEmail, agentPassword);

        var code = $"UGADI{tag}";
        var id = (await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/offers",
            new { code, description = "Ugadi: 15% off", discountType = "percent", discountValue = 15, isActive = false }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await a.AssertNoEventAsync("offer:new", e => e[0].GetProperty("code").GetString() == code, TimeSpan.FromSeconds(1)); // created off: nobody told

        await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/offers/{id}", new { isActive = true }));
        foreach (var client in new[] { a, b, owner })
        {
            var heard = await client.WaitForEventAsync("offer:new", e => e[0].GetProperty("code").GetString() == code);
            Assert.Equal(("Ugadi: 15% off", 15m, "percent"),
                (heard[0].GetProperty("description").GetString(), heard[0].GetProperty("discountValue").GetDecimal(), heard[0].GetProperty("discountType").GetString()));
        }

        await agent.AssertNoEventAsync("offer:new", null, TimeSpan.FromSeconds(1));
    }
}
