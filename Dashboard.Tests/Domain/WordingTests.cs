using System.Globalization;
using Dashboard.Domain.Common;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Payments;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Domain;

/// <summary>
/// Issue 15: "activity rows say 'paid 5249.00 (MOBILE)', '1 entries', ISO dates — the configured currency, culture and
/// plurals everywhere". The sentences a write keeps are written as the business writes money, days and counts.
/// </summary>
public sealed class WordingTests
{
    [Fact]
    public async Task Activity_rows_speak_rupees_days_and_plurals_as_an_indian_dairy_writes_them()
    {
        await using var h = await DomainHarness.StartAsync();
        var customer = await h.CreateCustomerAsync("Lakshmi Rao", quantity: 1.5m, price: 56m);
        await h.Payments.AddAsync(DomainHarness.Staff, new AddPayment(customer.Id, 105_249m, "UPI", h.Today, null));
        await h.Deliveries.GenerateAsync(DomainHarness.Staff, new GenerateDaySheet(h.Today.AddDays(1)));
        await h.DeliverAsync(customer.Id, h.Today, 1.5m);

        var summaries = (await h.Activity.RecentAsync(DomainHarness.Admin, 10)).Select(a => a.Summary).ToList();
        Assert.Contains("Lakshmi Rao paid ₹1,05,249.00 by UPI", summaries);
        Assert.Contains("Prepared the day sheet for 23 Nov 2026: 1 entry", summaries);
        Assert.Contains("Lakshmi Rao: 1.5 L delivered on 22 Nov 2026 (₹84.00)", summaries);
    }

    [Fact]
    public async Task Another_currency_and_culture_from_configuration_write_their_own()
    {
        await using var h = await DomainHarness.StartAsync(configure: s => s.AddSingleton(new Wording(CultureInfo.GetCultureInfo("en-GB"), "GBP")));
        var customer = await h.CreateCustomerAsync("Lucy Hale");
        await h.Payments.AddAsync(DomainHarness.Staff, new AddPayment(customer.Id, 5249m, "BANK", h.Today, null));
        Assert.Contains("Lucy Hale paid £5,249.00 by Bank transfer", (await h.Activity.RecentAsync(DomainHarness.Admin, 5)).Select(a => a.Summary));
    }
}
