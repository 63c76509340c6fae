using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Api;

/// <summary>
/// A newcomer typed a customer's number without spaces, or with +91, and found nobody: numbers are stored in one form
/// (international, the typed grouping kept) and found however they are typed. "12" is not a phone.
/// </summary>
public sealed class PhoneNumberTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    // A fresh mobile number per test, so the searches below find exactly one customer.
    private static string NewNumber() => "9" + Random.Shared.NextInt64(100_000_000, 999_999_999).ToString();

    [Theory]
    [InlineData("{n}", "+91 {n}")]
    [InlineData("0{n5} {n_5}", "+91 {n5} {n_5}")]
    [InlineData("+91 {n5}-{n_5}", "+91 {n5}-{n_5}")]
    [InlineData("0091 {n}", "+91 {n}")]
    [InlineData("+91{n}", "+91{n}")]
    [InlineData("(0{n5}) {n_5}", "+91 {n5} {n_5}")]
    public async Task A_number_typed_any_way_is_stored_with_its_country_code_and_found_by_every_way_of_typing_it(string typed, string stored)
    {
        using var admin = await app.AdminClientAsync();
        var n = NewNumber();
        string Fill(string s) => s.Replace("{n5}", n[..5]).Replace("{n_5}", n[5..]).Replace("{n}", n);
        var created = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/customers",
            new { name = $"Phone {typed}", phone = Fill(typed), defaultQuantity = 1, pricePerLiter = 60 }), HttpStatusCode.Created);
        Assert.Equal(Fill(stored), created.GetProperty("phone").GetString());

        foreach (var search in new[] { n, "+91" + n, "+91 " + n, $"{n[..5]} {n[5..]}", "0" + n, "0091" + n, n[2..8] })
        {
            var found = await ApiAssert.Json(await admin.GetAsync($"/api/v1/customers?search={Uri.EscapeDataString(search)}"));
            var ids = found.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
            Assert.True(ids.Count == 1 && ids[0] == created.GetProperty("id").GetGuid(), $"search '{search}' for {Fill(stored)} found {ids.Count}");
        }
    }

    [Theory]
    [InlineData("12")]
    [InlineData("+91 12")]
    [InlineData("98450 12345 67890 1")]
    [InlineData("98450+12345")]
    public async Task What_is_not_a_whole_phone_number_is_refused_in_words_and_nothing_is_written(string phone)
    {
        using var admin = await app.AdminClientAsync();
        var name = $"Not a phone {Guid.NewGuid():N}";
        var problem = await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/customers", new { name, phone, defaultQuantity = 1, pricePerLiter = 60 }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var message = problem.GetProperty("errors").GetProperty("phone")[0].GetString()!;
        Assert.StartsWith(phone.Contains('+') && !phone.StartsWith('+') ? "A phone number has only digits" : "That is not a whole phone number", message);
        await using var db = app.Db();
        Assert.False(await db.Customers.AnyAsync(c => c.Name == name));
    }

    [Fact]
    public async Task An_edit_normalises_the_number_and_an_empty_one_clears_it()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Phone Edit Esha");
        var n = NewNumber();
        var edited = await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/customers/{id}", new { phone = "0" + n }));
        Assert.Equal("+91 " + n, edited.GetProperty("phone").GetString());
        await using (var db = app.Db())
        {
            Assert.Equal("91" + n, (await db.Customers.SingleAsync(c => c.Id == id)).PhoneDigits);
        }

        var cleared = await ApiAssert.Json(await admin.PutAsJsonAsync($"/api/v1/customers/{id}", new { phone = "" }));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.GetProperty("phone").ValueKind);
        await using (var db = app.Db())
        {
            Assert.Null((await db.Customers.SingleAsync(c => c.Id == id)).PhoneDigits);
        }
    }
}
