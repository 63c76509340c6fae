using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Api;

public sealed class LedgerCsvApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task The_ledger_downloads_as_csv_with_one_line_per_delivery_and_payment()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Csv Chandra, Sr.", price: 60m);
        var day = app.Today.AddDays(-2);
        (await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = id, date = day, quantity = 1.5 })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = id, amount = 100, method = "CASH", paymentDate = day, note = "=HYPERLINK(\"x\"), thanks" }))
            .EnsureSuccessStatusCode();

        var response = await admin.GetAsync($"/api/v1/customers/{id}/ledger.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ledger-csv-chandra-sr-all.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var d = day.ToString("yyyy-MM-dd");
        Assert.Equal(
            [
                "date,kind,description,billed,paid,balance",
                $"{d},delivery,1.5 L @ 60.00,90.00,0.00,90.00",
                // The note is quoted: it has a comma and quotes.
                $"{d},payment,\"Payment by Cash: =HYPERLINK(\"\"x\"\"), thanks\",0.00,100.00,-10.00",
            ],
            await ApiAssert.CsvLines(response));
    }

    [Fact]
    public async Task A_month_downloads_as_its_statement_with_opening_and_closing_rows()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Month Meena", price: 50m);
        var month = new DateOnly(app.Today.Year, app.Today.Month, 1).AddMonths(-1);
        (await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = id, date = month.AddDays(-1), quantity = 2 })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = id, date = month.AddDays(4), quantity = 1 })).EnsureSuccessStatusCode();

        var response = await admin.GetAsync($"/api/v1/customers/{id}/ledger.csv?month={month:yyyy-MM}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var end = month.AddMonths(1).AddDays(-1);
        Assert.Equal(
            [
                "date,kind,description,billed,paid,balance",
                $"{month:yyyy-MM-dd},opening,Opening balance,,,100.00",
                $"{month.AddDays(4):yyyy-MM-dd},delivery,1 L @ 50.00,50.00,0.00,150.00",
                $"{end:yyyy-MM-dd},closing,Closing balance,50.00,0.00,150.00",
            ],
            await ApiAssert.CsvLines(response));
    }

    [Fact]
    public async Task Only_admins_and_staff_may_download_a_ledger()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Private Priya");
        var (staffEmail, staffPassword) = await ApiScenario.CreateUserAsync(admin, "Staff");
        var (agentEmail, agentPassword) = await ApiScenario.CreateUserAsync(admin, "Delivery");
        var (ownerEmail, ownerPassword) = await ApiScenario.CreateUserAsync(admin, "Customer", id);
        using var staff = await app.ClientAsync(staffEmail, staffPassword);
        using var agent = await app.ClientAsync(agentEmail, agentPassword);
        using var owner = await app.ClientAsync(ownerEmail, ownerPassword);
        using var anonymous = app.Anonymous();
        var url = $"/api/v1/customers/{id}/ledger.csv";

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(url)).StatusCode);
        await ApiAssert.Problem(await agent.GetAsync(url), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await owner.GetAsync(url), HttpStatusCode.Forbidden, "FORBIDDEN");
        await ApiAssert.Problem(await anonymous.GetAsync(url), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task A_bad_month_or_an_unknown_customer_is_a_problem_not_a_file()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Bad Month");

        await ApiAssert.Problem(await admin.GetAsync($"/api/v1/customers/{id}/ledger.csv?month=2026-13"), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await ApiAssert.Problem(await admin.GetAsync($"/api/v1/customers/{id}/ledger.csv?month=last"), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await ApiAssert.Problem(await admin.GetAsync($"/api/v1/customers/{Guid.NewGuid()}/ledger.csv"), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task The_customer_list_sorts_by_balance_over_rest()
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var small = await ApiScenario.CreateCustomerAsync(admin, $"Sort {tag} small", route: tag);
        var large = await ApiScenario.CreateCustomerAsync(admin, $"Sort {tag} large", route: tag);
        (await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = small, date = app.Today, quantity = 1 })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = large, date = app.Today, quantity = 10 })).EnsureSuccessStatusCode();

        var page = await ApiAssert.Json(await admin.GetAsync($"/api/v1/customers?route={tag}&sort=balance&descending=true"));

        Assert.Equal([large, small], page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        await ApiAssert.Problem(await admin.GetAsync("/api/v1/customers?sort=secret"), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }
}
