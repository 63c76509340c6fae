using Dashboard.Domain.Bills;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Domain;

/// <summary>Monthly bills: the ledger's month, numbered, kept as issued, copies on re-issue, each customer their own.</summary>
public sealed class BillTests : IAsyncLifetime
{
    private DomainHarness _h = null!;

    private BillService Bills => _h.Get<BillService>();

    public async Task InitializeAsync() =>
        _h = await DomainHarness.StartAsync(configure: s => s.Configure<BillingOptions>(o => o.UpiId = "gokul@okbank"));

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_november_bill_is_the_ledger_s_november_numbered_and_kept_and_issuing_again_gives_a_copy()
    {
        // Today is 22 November 2026: October's deliveries make the opening balance, November's lines the bill.
        var c = await _h.CreateCustomerAsync("Billed Bhavna", quantity: 1m, price: 60m);
        var other = await _h.CreateCustomerAsync("Other Omkar");
        await _h.DeliverAsync(c.Id, new DateOnly(2026, 10, 30), 2m);
        await _h.DeliverAsync(c.Id, new DateOnly(2026, 11, 1), 1m);
        await _h.DeliverAsync(c.Id, new DateOnly(2026, 11, 2), 1.5m);
        await _h.PayAsync(c.Id, 100m, new DateOnly(2026, 11, 5), "UPI");
        await _h.DeliverAsync(c.Id, new DateOnly(2026, 11, 20), 1m);

        var bill = await Bills.IssueAsync(DomainHarness.Staff, c.Id, new IssueBill(2026, 11));
        var statement = await _h.Customers.GetStatementAsync(DomainHarness.Staff, c.Id, 2026, 11);
        Assert.Equal((1, false, 0), (bill.Number, bill.Copy, bill.Copies));
        Assert.Equal((120m, 210m, 100m, 230m), (bill.OpeningBalance, bill.Billed, bill.Paid, bill.ClosingBalance));
        Assert.Equal((statement.OpeningBalance, statement.Billed, statement.Paid, statement.ClosingBalance), (bill.OpeningBalance, bill.Billed, bill.Paid, bill.ClosingBalance));
        Assert.Equal(statement.Lines.Select(l => (l.Date, l.Debit, l.Credit, l.RunningBalance)), bill.Lines.Select(l => (l.Date, l.Debit, l.Credit, l.RunningBalance)));
        Assert.Equal(3.5m, bill.LitersDelivered);
        Assert.Equal("upi://pay?pa=gokul%40okbank&pn=My%20dairy&am=230.00&cu=INR&tn=Bill%201", bill.UpiLink);
        Assert.Contains("bill No. 1 for November 2026, Billed Bhavna", BillService.ShareText(bill, m => $"Rs {m:0.00}", System.Globalization.CultureInfo.InvariantCulture));

        // A delivery recorded afterwards does not change the bill that went out; issuing again gives it back as a copy.
        await _h.DeliverAsync(c.Id, new DateOnly(2026, 11, 21), 1m);
        var again = await Bills.IssueAsync(DomainHarness.Admin, c.Id, new IssueBill(2026, 11));
        Assert.Equal((bill.Id, 1, true, 1, 230m), (again.Id, again.Number, again.Copy, again.Copies, again.ClosingBalance));
        Assert.Equal(2, (await Bills.IssueAsync(DomainHarness.Staff, other.Id, new IssueBill(2026, 10))).Number);
        await using var db = _h.Db();
        Assert.Equal(2, await db.Bills.CountAsync());

        // The customer reads their own bills only, and issues none.
        var mine = await Bills.ListAsync(DomainHarness.Customer(c.Id), c.Id);
        Assert.Equal([bill.Id], mine.Select(b => b.Id));
        Assert.Equal(bill.Number, (await Bills.GetAsync(DomainHarness.Customer(c.Id), c.Id, bill.Id)).Number);
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () => Bills.ListAsync(DomainHarness.Customer(c.Id), other.Id));
        await _h.AssertRejectedAsync(ErrorCodes.NotFound, () => Bills.GetAsync(DomainHarness.Customer(other.Id), other.Id, bill.Id));
        await _h.AssertRejectedAsync(ErrorCodes.Forbidden, () => Bills.IssueAsync(DomainHarness.Customer(c.Id), c.Id, new IssueBill(2026, 11)));
    }

    [Fact]
    public async Task All_customers_bills_for_a_month_in_one_run_skip_those_with_nothing_and_a_month_not_begun_is_refused()
    {
        var a = await _h.CreateCustomerAsync("Run Asha");
        var b = await _h.CreateCustomerAsync("Run Bina");
        await _h.CreateCustomerAsync("Run Nobody");
        await _h.DeliverAsync(a.Id, new DateOnly(2026, 11, 3), 1m);
        await _h.PayAsync(b.Id, 50m, new DateOnly(2026, 11, 4)); // in credit

        var run = await Bills.IssueAllAsync(DomainHarness.Staff, new IssueBill(2026, 11));
        Assert.Equal([("Run Asha", 60m), ("Run Bina", -50m)], run.Issued.Select(x => (x.CustomerName, x.ClosingBalance)));
        Assert.Null(run.Issued[1].UpiLink); // nothing due: no QR
        Assert.Empty(run.AlreadyIssued);
        var again = await Bills.IssueAllAsync(DomainHarness.Staff, new IssueBill(2026, 11));
        Assert.Empty(again.Issued);
        Assert.Equal(run.Issued.Select(x => x.Number), again.AlreadyIssued.Select(x => x.Number));

        var future = await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Bills.IssueAllAsync(DomainHarness.Staff, new IssueBill(2026, 12)));
        Assert.Equal("A month is billed once it has begun.", future.Errors["month"][0]);
        await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Bills.IssueAsync(DomainHarness.Staff, a.Id, new IssueBill(2026, 13)));
        await _h.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Bills.IssueAsync(DomainHarness.Staff, a.Id, new IssueBill(null, 11)));
    }
}
