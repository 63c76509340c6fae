using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Api;

/// <summary>
/// Names, phones, addresses, routes, display names and emails are one line: a line break or another control character
/// in them is a 400 naming the field, and nothing is stored (it would split a CSV row or a printed route sheet).
/// </summary>
public sealed class OneLineTextTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Theory]
    [InlineData("name", "Evil\r\nRow,0,0")]
    [InlineData("name", "Tab\tName")]
    [InlineData("name", "Bell\u0007")]
    [InlineData("name", "Line\u2028Separator")]
    [InlineData("phone", "98450\n00000")]
    [InlineData("address", "12 Main St\nFlat 4")]
    [InlineData("route", "Nor\rth")]
    public async Task A_new_customer_with_a_control_character_in_a_one_line_field_is_refused(string field, string value)
    {
        using var admin = await app.AdminClientAsync();
        var marker = "OneLine" + Guid.NewGuid().ToString("N")[..8];
        var body = new Dictionary<string, object?>
        {
            ["name"] = marker, ["phone"] = "98450 00000", ["address"] = "1 Road", ["route"] = "North", ["defaultQuantity"] = 1, ["pricePerLiter"] = 60,
        };
        body[field] = field == "name" ? marker + value : value;

        var problem = await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/customers", body), HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await using var db = app.Db();
        Assert.False(await db.Customers.AnyAsync(c => c.Name.StartsWith(marker)));
    }

    [Fact]
    public async Task An_edit_that_puts_a_line_break_in_a_name_changes_nothing()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Kept Whole");

        await ApiAssert.Problem(await admin.PutAsJsonAsync($"/api/v1/customers/{id}", new { name = "Kept\nWhole", route = "South" }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        await using var db = app.Db();
        var row = await db.Customers.SingleAsync(c => c.Id == id);
        Assert.Equal(("Kept Whole", "North"), (row.Name, row.Route));
    }

    [Theory]
    [InlineData("displayName", "Two\nLines")]
    [InlineData("email", "cr\r@test.local")]
    public async Task A_user_with_a_control_character_in_a_one_line_field_is_refused(string field, string value)
    {
        using var admin = await app.AdminClientAsync();
        var email = $"oneline-{Guid.NewGuid():N}@test.local";
        var body = new Dictionary<string, object?> { ["email"] = email, ["password"] = "Pw1!abcdefgh", ["role"] = "Staff", ["displayName"] = "Fine" };
        body[field] = value;

        var problem = await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/users", body), HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await using var db = app.Db();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email || u.Email == value));
    }

    [Fact]
    public async Task A_renamed_user_keeps_their_name_when_the_new_one_has_a_line_break()
    {
        using var admin = await app.AdminClientAsync();
        var (email, _) = await ApiScenario.CreateUserAsync(admin, "Staff");
        await using var before = app.Db();
        var user = await before.Users.SingleAsync(u => u.Email == email);

        await ApiAssert.Problem(await admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { displayName = "New\r\nName" }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        await using var db = app.Db();
        Assert.Equal(user.DisplayName, (await db.Users.SingleAsync(u => u.Id == user.Id)).DisplayName);
    }

    [Fact]
    public async Task A_payment_note_may_span_lines_but_not_hold_other_control_characters()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Note Lines");

        await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount = 10, method = "CASH", note = "paid at the gate\nby the son" }),
            HttpStatusCode.Created);
        var problem = await ApiAssert.Problem(await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = customer, amount = 11, method = "CASH", note = "esc\u001b[31m" }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty("note", out _));

        await using var db = app.Db();
        Assert.Equal(["paid at the gate\nby the son"], await db.Payments.Where(p => p.CustomerId == customer).Select(p => p.Note).ToListAsync());
    }
}
