using System.Net;
using System.Net.Http.Json;
using Dashboard.Domain.Common;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Chat;

/// <summary>Support chat over REST: a customer's own conversation, staff's list, history, and what is refused.</summary>
public sealed class SupportChatApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private async Task<(Guid Customer, HttpClient App)> CustomerAppAsync(HttpClient admin, string name)
    {
        var customer = await ApiScenario.CreateCustomerAsync(admin, name);
        var (email, password) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, customer);
        return (customer, await app.ClientAsync(email, password));
    }

    private static string Messages(Guid customer) => $"/api/v1/support/conversations/{customer}/messages";

    private async Task<int> CountAsync(Guid customer)
    {
        await using var db = app.Db();
        return await db.ChatMessages.CountAsync(m => m.CustomerId == customer);
    }

    [Fact]
    public async Task A_customer_writes_staff_see_it_unread_answer_and_the_history_pages_from_the_newest()
    {
        using var admin = await app.AdminClientAsync();
        var (customer, mine) = await CustomerAppAsync(admin, $"Chat Chandra {Guid.NewGuid():N}"[..20]);
        using var _ = mine;
        for (var i = 1; i <= 3; i++)
        {
            var sent = await ApiAssert.Json(await mine.PostAsJsonAsync(Messages(customer), new { text = $"Question {i}" }), HttpStatusCode.Created);
            Assert.Equal(("Customer", customer), (sent.GetProperty("from").GetProperty("role").GetString(), sent.GetProperty("customerId").GetGuid()));
        }

        var list = await ApiAssert.Json(await admin.GetAsync("/api/v1/support/conversations"));
        var row = list.EnumerateArray().Single(c => c.GetProperty("customerId").GetGuid() == customer);
        Assert.Equal((3, "Question 3"), (row.GetProperty("unread").GetInt32(), row.GetProperty("last").GetProperty("text").GetString()));
        Assert.Equal(customer, list[0].GetProperty("customerId").GetGuid()); // the latest conversation first

        // Answering is reading: nothing is left unread, and marking read again changes nothing.
        await ApiAssert.Json(await admin.PostAsJsonAsync(Messages(customer), new { text = "Answer\nwith two lines" }), HttpStatusCode.Created);
        Assert.Equal(0, await UnreadAsync(admin, customer));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/support/conversations/{customer}/read", null)).StatusCode);
        var seen = await ApiAssert.Json(await mine.PostAsync($"/api/v1/support/conversations/{customer}/read", null));
        Assert.Equal("customer", seen.GetProperty("side").GetString());

        var newest = await ApiAssert.Json(await mine.GetAsync($"{Messages(customer)}?page=1&pageSize=3"));
        Assert.Equal(4, newest.GetProperty("total").GetInt32());
        Assert.Equal(["Question 2", "Question 3", "Answer\nwith two lines"], newest.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        var older = await ApiAssert.Json(await mine.GetAsync($"{Messages(customer)}?page=2&pageSize=3"));
        Assert.Equal(["Question 1"], older.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        await ApiAssert.Problem(await mine.GetAsync($"{Messages(customer)}?pageSize=0"), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    private static async Task<int> UnreadAsync(HttpClient staff, Guid customer) =>
        (await ApiAssert.Json(await staff.GetAsync("/api/v1/support/conversations"))).EnumerateArray()
            .Single(c => c.GetProperty("customerId").GetGuid() == customer).GetProperty("unread").GetInt32();

    [Fact]
    public async Task Customer_b_can_neither_read_nor_write_nor_list_a_s_conversation_and_an_agent_has_no_access()
    {
        using var admin = await app.AdminClientAsync();
        var (a, appA) = await CustomerAppAsync(admin, "Chat Asha");
        var (_, appB) = await CustomerAppAsync(admin, "Chat Bindu");
        using (appA)
        using (appB)
        {
            await ApiAssert.Json(await appA.PostAsJsonAsync(Messages(a), new { text = "Private" }), HttpStatusCode.Created);
            await ApiAssert.Problem(await appB.GetAsync(Messages(a)), HttpStatusCode.Forbidden, "FORBIDDEN");
            await ApiAssert.Problem(await appB.PostAsJsonAsync(Messages(a), new { text = "Let me in" }), HttpStatusCode.Forbidden, "FORBIDDEN");
            await ApiAssert.Problem(await appB.PostAsync($"/api/v1/support/conversations/{a}/read", null), HttpStatusCode.Forbidden, "FORBIDDEN");
            // B's list is B's own: none yet, and never A's.
            Assert.Equal(0, (await ApiAssert.Json(await appB.GetAsync("/api/v1/support/conversations"))).GetArrayLength());
            var (agentEmail, agentPassword) = await ApiScenario.CreateUserAsync(admin, Roles.Delivery, routes: ["North"]);
            using var agent = await app.ClientAsync(agentEmail, agentPassword);
            await ApiAssert.Problem(await agent.GetAsync(Messages(a)), HttpStatusCode.Forbidden, "FORBIDDEN");
            Assert.Equal(1, await CountAsync(a));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bell\u0007")]
    [InlineData("long")]
    public async Task A_message_that_is_not_text_is_refused_naming_the_field_and_nothing_is_written(string text)
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Chat Refused");
        var body = text == "long" ? new string('x', 2001) : text;
        var problem = await ApiAssert.Problem(await admin.PostAsJsonAsync(Messages(customer), new { text = body }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty("text", out _), problem.GetRawText());
        Assert.Equal(0, await CountAsync(customer));
        await ApiAssert.Problem(await admin.PostAsJsonAsync($"/api/v1/support/conversations/{Guid.NewGuid()}/messages", new { text = "Anyone?" }),
            HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task More_than_twenty_messages_a_minute_from_one_user_are_refused_as_rate_limited()
    {
        using var admin = await app.AdminClientAsync();
        var (customer, mine) = await CustomerAppAsync(admin, "Chat Chatty");
        using var _ = mine;
        for (var i = 0; i < 20; i++)
        {
            await ApiAssert.Json(await mine.PostAsJsonAsync(Messages(customer), new { text = $"Hello {i}" }), HttpStatusCode.Created);
        }

        await ApiAssert.Problem(await mine.PostAsJsonAsync(Messages(customer), new { text = "One more" }), (HttpStatusCode)429, "RATE_LIMITED");
        Assert.Equal(20, await CountAsync(customer));
        // Another user is not held back by this one.
        await ApiAssert.Json(await admin.PostAsJsonAsync(Messages(customer), new { text = "Slow down, we are here" }), HttpStatusCode.Created);
    }
}
