using System.Net.Http.Json;
using Dashboard.Domain.Common;
using Dashboard.Tests.Api;
using Dashboard.Tests.Realtime;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Chat;

/// <summary>
/// Support chat live, over SignalR and Socket.IO side by side: a customer's app writes, staff's clients and the
/// customer's other app hear it as <c>chat:message</c>; staff answer and read; customer B hears none of it and cannot
/// write into A's conversation by naming it.
/// </summary>
public sealed class SupportChatRealtimeTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);

    [Theory]
    [InlineData("socket.io", "signalr")]
    [InlineData("signalr", "socket.io")]
    public async Task A_customer_s_message_reaches_staff_the_answer_and_the_receipt_reach_the_customer_and_b_hears_nothing(string customerApp, string staffApp)
    {
        using var admin = await app.AdminClientAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var a = await ApiScenario.CreateCustomerAsync(admin, $"Chat A {tag}");
        var b = await ApiScenario.CreateCustomerAsync(admin, $"Chat B {tag}");
        var (emailA, passwordA) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, a);
        var (emailB, passwordB) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, b);
        var (staffEmail, staffPassword) = await ApiScenario.CreateUserAsync(admin, Roles.Staff);
        var (agentEmail, agentPassword) = await ApiScenario.CreateUserAsync(admin, Roles.Delivery, routes: ["North"]);
        await using var appA = await BothTransports.ConnectAsync(app, customerApp, emailA, passwordA);
        await using var otherAppA = await BothTransports.ConnectAsync(app, staffApp, emailA, passwordA);
        await using var appB = await BothTransports.ConnectAsync(app, customerApp, emailB, passwordB);
        await using var staff = await BothTransports.ConnectAsync(app, staffApp, staffEmail, staffPassword);
        await using var agent = await BothTransports.ConnectAsync(app, customerApp, agentEmail, agentPassword);

        // The customer names no conversation (theirs), and claims to be someone else: the token decides.
        var sent = await BothTransports.CallAsync(appA, "chat:message", new { text = "Is tomorrow's milk on?", from = new { userId = "x", role = "Admin" } });
        Assert.Null(sent.ErrorCode());
        Assert.Equal(a, sent.GetProperty("customerId").GetGuid());
        foreach (var client in new[] { staff, otherAppA })
        {
            var heard = (await client.WaitForEventAsync("chat:message", m => m[0].GetProperty("id").GetGuid() == sent.GetProperty("id").GetGuid()))[0];
            Assert.Equal(("Is tomorrow's milk on?", "Customer", a), (heard.GetProperty("text").GetString(),
                heard.GetProperty("from").GetProperty("role").GetString(), heard.GetProperty("customerId").GetGuid()));
            Assert.True(heard.TryGetProperty("at", out _));
        }

        var answer = await BothTransports.CallAsync(staff, "chat:message", new { customerId = a, text = "Yes, as usual." });
        Assert.Null(answer.ErrorCode());
        var toA = (await appA.WaitForEventAsync("chat:message", m => m[0].GetProperty("text").GetString() == "Yes, as usual."))[0];
        Assert.Equal("Staff", toA.GetProperty("from").GetProperty("role").GetString());

        var read = await BothTransports.CallAsync(appA, "chat:read", new { });
        Assert.Equal("customer", read.GetProperty("side").GetString());
        var receipt = (await staff.WaitForEventAsync("chat:read", r => r[0].GetProperty("customerId").GetGuid() == a))[0];
        Assert.Equal(("customer", "Customer"), (receipt.GetProperty("side").GetString(), receipt.GetProperty("by").GetProperty("role").GetString()));
        Assert.Equal(toA.GetProperty("at").GetDateTime(), receipt.GetProperty("upTo").GetDateTime());

        // Typing is live only, to the same people.
        Assert.Null((await BothTransports.CallAsync(appA, "chat:typing", new { })).ErrorCode());
        var typing = (await staff.WaitForEventAsync("chat:typing", t => t[0].GetProperty("customerId").GetGuid() == a))[0];
        Assert.Equal("Customer", typing.GetProperty("from").GetProperty("role").GetString());
        Assert.Equal("FORBIDDEN", (await BothTransports.CallAsync(appB, "chat:typing", new { customerId = a })).ErrorCode());

        // B: naming A's conversation is refused, and nothing of A's reached B or an agent.
        Assert.Equal("FORBIDDEN", (await BothTransports.CallAsync(appB, "chat:message", new { customerId = a, text = "Hi A" })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await BothTransports.CallAsync(appB, "chat:read", new { customerId = a })).ErrorCode());
        Assert.Equal("FORBIDDEN", (await BothTransports.CallAsync(agent, "chat:message", new { customerId = a, text = "Agent here" })).ErrorCode());
        Assert.Equal("VALIDATION_FAILED", (await BothTransports.CallAsync(staff, "chat:message", new { text = "To whom?" })).ErrorCode());
        Assert.Equal("VALIDATION_FAILED", (await BothTransports.CallAsync(appA, "chat:message", new { text = "  " })).ErrorCode());
        foreach (var name in new[] { "chat:message", "chat:read", "chat:typing" })
        {
            await appB.AssertNoEventAsync(name, null, name == "chat:message" ? Quiet : TimeSpan.Zero);
            await agent.AssertNoEventAsync(name, null, TimeSpan.Zero);
        }

        var history = await ApiAssert.Json(await admin.GetAsync($"/api/v1/support/conversations/{a}/messages"));
        Assert.Equal(2, history.GetProperty("total").GetInt32());
    }
}
