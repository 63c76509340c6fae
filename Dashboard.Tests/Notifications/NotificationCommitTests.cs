using Dashboard.Domain.Common;
using Dashboard.Domain.Events;
using Dashboard.Domain.Notifications;
using Dashboard.Domain.Payments;
using Dashboard.Domain.Users;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Notifications;

/// <summary>
/// A notification commits with the write it follows from or not at all: a later reaction refusing the command takes
/// the notification down with the payment; an acknowledged payment's notification is there when the call returns.
/// </summary>
public sealed class NotificationCommitTests : IAsyncLifetime
{
    private const decimal Refused = 13m;
    private DomainHarness _h = null!;

    public async Task InitializeAsync() =>
        // Registered after the domain's own reactions, so it runs once the notification row is already added.
        _h = await DomainHarness.StartAsync(configure: s => s.AddSingleton<IWriteReaction, RefuseUnluckyPayments>());

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_command_refused_after_its_notification_was_added_leaves_neither_and_a_payment_written_beside_it_keeps_both()
    {
        var customer = await _h.CreateCustomerAsync("Meera");
        var userId = await AddCustomerUserAsync(customer.Id);

        var refused = _h.PayAsync(customer.Id, Refused);
        var accepted = _h.PayAsync(customer.Id, 20m);
        var error = await Assert.ThrowsAsync<DomainException>(() => refused);
        Assert.Equal(ErrorCodes.Conflict, error.Code);
        var payment = await accepted;

        await using var db = _h.Db();
        var row = Assert.Single(await db.Notifications.Where(n => n.UserId == userId).ToListAsync());
        Assert.Equal(payment.Id, row.ToModel().Data!.Value.GetProperty("paymentId").GetGuid());
        Assert.Equal(20m, Assert.Single(await db.Payments.ToListAsync()).Amount);
    }

    [Fact]
    public async Task The_notification_of_an_acknowledged_payment_is_in_the_database_and_in_the_log_when_the_call_returns()
    {
        var customer = await _h.CreateCustomerAsync("Farida");
        var userId = await AddCustomerUserAsync(customer.Id);

        var payment = await _h.PayAsync(customer.Id, 75m, method: "MOBILE");

        await using var db = _h.Db();
        var row = Assert.Single(await db.Notifications.Where(n => n.UserId == userId).ToListAsync());
        Assert.Equal(("Payment received", NotificationType.Success, $"/customers/{customer.Id}", (DateTime?)null),
            (row.Title, row.Type, row.Link, row.ReadAt));
        Assert.Contains("₹75.00 by Mobile", row.Message);
        Assert.True(await db.EventLog.AnyAsync(e => e.Name == nameof(NotificationCreated) && e.Payload.Contains(row.Id.ToString())));
        _ = payment;
    }

    [Fact]
    public async Task Retention_deletes_notifications_older_than_its_days_read_or_not_and_keeps_the_rest()
    {
        var customer = await _h.CreateCustomerAsync("Old News");
        var userId = await AddCustomerUserAsync(customer.Id);
        await _h.PayAsync(customer.Id, 10m);
        var days = _h.Get<IOptions<NotificationOptions>>().Value.RetentionDays;
        _h.Time.Set(DomainHarness.DefaultNow.AddDays(days).AddHours(-1));
        await _h.PayAsync(customer.Id, 11m, date: _h.Today);
        _h.Time.Set(DomainHarness.DefaultNow.AddDays(days).AddHours(1));

        Assert.Equal(1, await _h.Get<NotificationRetention>().PruneAsync());

        await using var db = _h.Db();
        var kept = Assert.Single(await db.Notifications.Where(n => n.UserId == userId).ToListAsync());
        Assert.Contains("11.00", kept.Message);
    }

    private async Task<string> AddCustomerUserAsync(Guid customerId)
    {
        await using var db = _h.Db();
        var user = new AppUser { UserName = $"c-{customerId:N}@test.local", Email = $"c-{customerId:N}@test.local", CustomerId = customerId, DisplayName = "App" };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>Stands for any reaction after the notifications' (a stock movement) that refuses the command.</summary>
    private sealed class RefuseUnluckyPayments : IWriteReaction
    {
        public Task ReactAsync(WriteScope scope, IReadOnlyList<IDomainEvent> events, CancellationToken ct) =>
            events.OfType<PaymentAdded>().Any(p => p.Payment.Amount == Refused)
                ? throw DomainException.Conflict("Refused by a later reaction.")
                : Task.CompletedTask;
    }
}
