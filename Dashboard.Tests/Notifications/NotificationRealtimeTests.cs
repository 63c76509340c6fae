using System.Net;
using System.Net.Http.Json;
using Dashboard.Domain.Common;
using Dashboard.Tests.Api;
using Dashboard.Tests.Realtime;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Notifications;

/// <summary>
/// Notifications live, over SignalR and Socket.IO side by side: the user's every connection gets seed 001's
/// <c>notification:new</c> and seed 002's <c>notification</c>; marking read on one transport reaches the other as
/// <c>notifications:read</c>; another customer and a staff user who is not told get nothing.
/// </summary>
public sealed class NotificationRealtimeTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);
    private static readonly string[] Names = ["notification:new", "notification", "notifications:read"];

    [Theory]
    [InlineData("signalr", "socket.io")]
    [InlineData("socket.io", "signalr")]
    public async Task A_customer_s_apps_hear_of_their_payment_and_of_it_being_read_and_no_one_else_hears_anything(string marksOn, string otherApp)
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var customerA = await ApiScenario.CreateCustomerAsync(admin, $"Told {tag}");
        var customerB = await ApiScenario.CreateCustomerAsync(admin, $"Untold {tag}");
        var (emailA, passwordA) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, customerA);
        var (emailB, passwordB) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, customerB);
        var (staffEmail, staffPassword) = await ApiScenario.CreateUserAsync(admin, Roles.Staff);
        await using var a = await BothTransports.ConnectAsync(app, marksOn, emailA, passwordA);
        await using var aElsewhere = await BothTransports.ConnectAsync(app, otherApp, emailA, passwordA);
        await using var b = await BothTransports.ConnectAsync(app, marksOn, emailB, passwordB);
        await using var staff = await BothTransports.ConnectAsync(app, otherApp, staffEmail, staffPassword);

        var payment = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/payments", new { customerId = customerA, amount = 42, method = "MOBILE" }),
            HttpStatusCode.Created);
        var paymentId = payment.GetProperty("id").GetGuid();

        foreach (var client in new[] { a, aElsewhere })
        {
            var seed001 = (await client.WaitForEventAsync("notification:new"))[0];
            Assert.Equal(("Payment received", "success"), (seed001.GetProperty("title").GetString(), seed001.GetProperty("type").GetString()));
            Assert.Contains("₹42.00 by Mobile", seed001.GetProperty("message").GetString());
            var seed002 = (await client.WaitForEventAsync("notification"))[0];
            Assert.Equal(paymentId, seed002.GetProperty("data").GetProperty("paymentId").GetGuid());
            Assert.Equal(seed001.GetRawText(), seed002.GetRawText());
        }

        var id = (await a.WaitForEventAsync("notification:new"))[0].GetProperty("id").GetGuid();
        var marked = await BothTransports.CallAsync(a, "notification:read", new { id });
        Assert.True(marked.GetProperty("read").GetBoolean(), marked.GetRawText());
        var read = (await aElsewhere.WaitForEventAsync("notifications:read"))[0];
        Assert.Equal([id], read.GetProperty("ids").EnumerateArray().Select(i => i.GetGuid()));
        Assert.Equal(0, read.GetProperty("unread").GetInt32());
        await a.WaitForEventAsync("notifications:read");
        Assert.Equal("NOT_FOUND", (await BothTransports.CallAsync(b, "notification:read", new { id })).ErrorCode());

        foreach (var name in Names)
        {
            await b.AssertNoEventAsync(name, null, name == Names[0] ? Quiet : TimeSpan.Zero);
            await staff.AssertNoEventAsync(name, null, TimeSpan.Zero);
        }
    }
}
