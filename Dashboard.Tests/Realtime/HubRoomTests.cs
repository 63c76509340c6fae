using Dashboard.Tests.Api;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Realtime;

/// <summary>The seeds' register and room events on the SignalR transport: the same rules as on Socket.IO.</summary>
public sealed class HubRoomTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task Register_answers_with_the_identity_from_the_token_not_the_one_the_client_claims()
    {
        using var admin = await app.AdminClientAsync();
        var (client, customerId) = await HubScenario.ConnectCustomerAsync(app, admin, "Hub Registering");
        await using (client)
        {
            var result = await client.InvokeAsync("register", new { userId = "someone-else", role = "admin" });
            var registered = (await client.WaitForEventAsync("registered"))[0];
            foreach (var answer in new[] { result, registered })
            {
                Assert.NotEqual("someone-else", answer.GetProperty("userId").GetString());
                Assert.Equal("customer", answer.GetProperty("role").GetString());
                Assert.Equal(customerId, answer.GetProperty("customerId").GetGuid());
            }
        }
    }

    [Fact]
    public async Task A_customer_may_not_join_staff_or_other_customers_rooms_and_staff_may_follow_an_order()
    {
        using var admin = await app.AdminClientAsync();
        var (customer, customerId) = await HubScenario.ConnectCustomerAsync(app, admin, "Hub Rooms");
        var (owner, _) = await HubScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (customer)
        await using (owner)
        {
            Assert.False((await customer.InvokeAsync("join-room", "role:admin")).GetBoolean());
            Assert.Equal("FORBIDDEN", (await customer.WaitForEventAsync("error"))[0].GetProperty("code").GetString());
            Assert.True((await customer.InvokeAsync("join-room", $"customer:{customerId}")).GetBoolean());

            Assert.True((await owner.InvokeAsync("join:order", "order-9")).GetBoolean());
            Assert.True((await owner.InvokeAsync("leave:order", "order-9")).GetBoolean());
            Assert.False((await owner.InvokeAsync("leave:order", "order-9")).GetBoolean());
            Assert.Equal("VALIDATION_FAILED", (await owner.InvokeAsync("join-room", new { room = "" })).ErrorCode());
        }
    }
}
