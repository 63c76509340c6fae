using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Api;

/// <summary>The analytics CSVs. The app is shared by the class, so each test reads its own rows or the change it made.</summary>
public sealed class AnalyticsCsvApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static readonly string[] Files = ["daily.csv?days=30", "methods.csv?days=90", "aging.csv", "top-dues.csv"];

    private static Dictionary<string, string[]> ByFirstCell(string[] lines) => lines.Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0]);

    private static decimal Number(string cell) => decimal.Parse(cell, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_daily_csv_has_a_line_per_day_of_the_window_with_liters_sales_and_collection()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Daily Devi", price: 60m);
        var day = app.Today.AddDays(-3);
        (await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = id, date = day, quantity = 1.5 })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = id, amount = 40, method = "BANK", paymentDate = day })).EnsureSuccessStatusCode();

        var month = await ApiAssert.CsvLines(await admin.GetAsync("/api/v1/analytics/daily.csv?days=30"));
        var quarter = await ApiAssert.CsvLines(await admin.GetAsync("/api/v1/analytics/daily.csv?days=90"));

        Assert.Equal("date,liters,sales,collection", month[0]);
        Assert.Equal(31, month.Length);
        Assert.Equal($"{app.Today.AddDays(-29):yyyy-MM-dd},0,0.00,0.00", month[1]);
        Assert.Equal($"{day:yyyy-MM-dd},1.5,90.00,40.00", month[^4]);
        Assert.Equal(91, quarter.Length);
        Assert.StartsWith($"{app.Today:yyyy-MM-dd},", quarter[^1], StringComparison.Ordinal);
        var json = await ApiAssert.Json(await admin.GetAsync("/api/v1/analytics?days=30"));
        Assert.Equal(30, json.GetProperty("daily").GetArrayLength());
        await ApiAssert.Problem(await admin.GetAsync("/api/v1/analytics/daily.csv?days=7"), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task The_methods_csv_totals_each_payment_method_and_a_new_payment_adds_to_its_method()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Method Mohan");
        var before = ByFirstCell(await ApiAssert.CsvLines(await admin.GetAsync("/api/v1/analytics/methods.csv?days=30")));

        (await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = id, amount = 25.5, method = "MOBILE", paymentDate = app.Today.AddDays(-4) }))
            .EnsureSuccessStatusCode();
        var lines = await ApiAssert.CsvLines(await admin.GetAsync("/api/v1/analytics/methods.csv?days=30"));
        var after = ByFirstCell(lines);

        Assert.Equal("method,amount,payments", lines[0]);
        Assert.Equal(["CASH", "MOBILE", "BANK", "UPI", "CHEQUE"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(Number(before["MOBILE"][1]) + 25.5m, Number(after["MOBILE"][1]));
        Assert.Equal(int.Parse(before["MOBILE"][2], CultureInfo.InvariantCulture) + 1, int.Parse(after["MOBILE"][2], CultureInfo.InvariantCulture));
        Assert.Equal(before["CASH"], after["CASH"]);
    }

    [Fact]
    public async Task The_aging_and_top_dues_csvs_show_an_unpaid_delivery_in_its_age_bucket_and_its_debtor_first()
    {
        using var admin = await app.AdminClientAsync();
        var agingBefore = ByFirstCell(await ApiAssert.CsvLines(await admin.GetAsync("/api/v1/analytics/aging.csv")));
        // The largest possible delivery, so this customer tops the list; a name a spreadsheet must not run as a formula.
        var id = await ApiScenario.CreateCustomerAsync(admin, "=Top Tara, Ltd", price: 10_000m);
        var day = app.Today.AddDays(-45);
        (await admin.PostAsJsonAsync("/api/v1/deliveries", new { customerId = id, date = day, quantity = 20 })).EnsureSuccessStatusCode();

        var aging = await ApiAssert.CsvLines(await admin.GetAsync("/api/v1/analytics/aging.csv"));
        var top = await ApiAssert.CsvLines(await admin.GetAsync("/api/v1/analytics/top-dues.csv"));

        Assert.Equal("bucket,from_days,to_days,amount,customers", aging[0]);
        Assert.Equal(["current", "30-59", "60-89", "90+"], aging.Skip(1).Select(l => l.Split(',')[0]));
        var bucket = ByFirstCell(aging)["30-59"];
        Assert.Equal(("30", "59"), (bucket[1], bucket[2]));
        Assert.Equal(Number(agingBefore["30-59"][3]) + 200_000m, Number(bucket[3]));
        Assert.Equal(int.Parse(agingBefore["30-59"][4], CultureInfo.InvariantCulture) + 1, int.Parse(bucket[4], CultureInfo.InvariantCulture));
        Assert.Equal(("90", ""), (ByFirstCell(aging)["90+"][1], ByFirstCell(aging)["90+"][2]));   // no upper bound
        Assert.Equal("customer_id,name,balance,oldest_unpaid", top[0]);
        Assert.Equal($"{id},\"'=Top Tara, Ltd\",200000.00,{day:yyyy-MM-dd}", top[1]);
    }

    [Fact]
    public async Task Only_admins_and_staff_may_download_the_analytics()
    {
        using var admin = await app.AdminClientAsync();
        var id = await ApiScenario.CreateCustomerAsync(admin, "Curious Kavya");
        var (staffEmail, staffPassword) = await ApiScenario.CreateUserAsync(admin, "Staff");
        var (agentEmail, agentPassword) = await ApiScenario.CreateUserAsync(admin, "Delivery");
        var (ownerEmail, ownerPassword) = await ApiScenario.CreateUserAsync(admin, "Customer", id);
        using var staff = await app.ClientAsync(staffEmail, staffPassword);
        using var agent = await app.ClientAsync(agentEmail, agentPassword);
        using var owner = await app.ClientAsync(ownerEmail, ownerPassword);
        using var anonymous = app.Anonymous();

        foreach (var file in Files)
        {
            var url = $"/api/v1/analytics/{file}";
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(url)).StatusCode);
            await ApiAssert.Problem(await agent.GetAsync(url), HttpStatusCode.Forbidden, "FORBIDDEN");
            await ApiAssert.Problem(await owner.GetAsync(url), HttpStatusCode.Forbidden, "FORBIDDEN");
            await ApiAssert.Problem(await anonymous.GetAsync(url), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        }
    }
}
