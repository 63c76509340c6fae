using System.Net;
using System.Net.Http.Json;
using Dashboard.Auth;
using Dashboard.Tests.Api;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Realtime.SocketIO;

/// <summary>Unmodified socket.io-client 4.8 apps: every transport, every kind of token, both namespaces.</summary>
public sealed class SocketIOConnectionTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    [InlineData("default")]
    public async Task Each_transport_connects_emits_with_ack_and_receives_broadcasts(string transports)
    {
        var (client, token) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword, transports);
        await using (client)
        {
            var connected = (await client.WaitForEventAsync("connected"))[0];
            Assert.Equal(token.User.Id, connected.GetProperty("userId").GetString());
            Assert.Equal("admin", connected.GetProperty("role").GetString());

            var stats = (await client.EmitWithAckAsync("stats:request"))[0];
            Assert.Equal(app.Today.ToString("yyyy-MM-dd"), stats.GetProperty("date").GetString());

            using var admin = await app.AdminClientAsync();
            var customerId = await ApiScenario.CreateCustomerAsync(admin, $"Broadcast over {transports}");
            var payment = await ApiAssert.Json(await admin.PostAsJsonAsync("/api/v1/payments", new { customerId, amount = 25, method = "CASH" }), HttpStatusCode.Created);
            await client.WaitForEventAsync("payment:added", x => x.Is("id", payment.GetProperty("id").GetGuid()));

            var expected = transports == "polling" ? "polling" : "websocket";
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (client.Transport != expected && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50); // "default" starts on polling and upgrades
            }

            Assert.Equal(expected, client.Transport);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    [InlineData("Bearer not-a-token")]
    public async Task No_or_a_bad_token_is_refused_with_connect_error(string? token)
    {
        await using var client = await SocketIOClient.ConnectAsync(app.BaseAddress, token);
        Assert.False(client.Connected);
        Assert.Equal("Authentication failed", client.ConnectErrorMessage);
        Assert.Equal("UNAUTHENTICATED", client.ConnectErrorData?.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_connect_error()
    {
        var key = app.Services.GetRequiredService<TokenService>().SigningKey;
        await using var client = await SocketIOClient.ConnectAsync(app.BaseAddress, TestTokens.Sign(key, DateTime.UtcNow.AddMinutes(-5)));
        Assert.False(client.Connected);
        Assert.Equal("Authentication failed", client.ConnectErrorMessage);
    }

    [Fact]
    public async Task A_bearer_prefixed_token_as_seed_001_sends_it_connects()
    {
        var token = await HubScenario.TokenAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using var client = await SocketIOClient.ConnectAsync(app.BaseAddress, "Bearer " + token.AccessToken);
        Assert.True(client.Connected, client.ConnectErrorMessage);
        var connected = (await client.WaitForEventAsync("connected"))[0];
        Assert.Equal(token.User.Id, connected.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task The_admin_namespace_refuses_a_customer_and_admits_staff()
    {
        using var admin = await app.AdminClientAsync();
        var customerId = await ApiScenario.CreateCustomerAsync(admin, "Not Staff");
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Customer", customerId);
        var customerToken = await app.TokenAsync(email, password);
        await using (var refused = await SocketIOClient.ConnectAsync(app.BaseAddress, customerToken, ns: "/admin"))
        {
            Assert.False(refused.Connected);
            Assert.Equal("FORBIDDEN", refused.ConnectErrorData?.GetProperty("code").GetString());
        }

        var (staffEmail, staffPassword) = await ApiScenario.CreateUserAsync(admin, "Staff");
        var (staff, _) = await SocketIOScenario.ConnectAsync(app, staffEmail, staffPassword, ns: "/admin");
        await using (staff)
        {
            Assert.Equal("staff", (await staff.WaitForEventAsync("connected"))[0].GetProperty("role").GetString());
            Assert.Equal("pong", (await staff.EmitWithAckAsync("ping"))[0].GetString());
        }
    }

    [Fact]
    public async Task An_unknown_namespace_is_refused_as_invalid()
    {
        var token = await app.TokenAsync(DashboardApp.AdminEmail, app.AdminPassword);
        await using var client = await SocketIOClient.ConnectAsync(app.BaseAddress, token, ns: "/kitchen");
        Assert.False(client.Connected);
        Assert.Equal("Invalid namespace", client.ConnectErrorMessage);
    }

    [Fact]
    public async Task Register_answers_with_the_identity_from_the_token_whatever_the_client_claims()
    {
        using var admin = await app.AdminClientAsync();
        var (client, customerId, email, password) = await SocketIOScenario.ConnectCustomerAsync(app, admin, "Registering");
        await using (client)
        {
            var me = await app.TokenAsync(email, password);
            var ack = (await client.EmitWithAckAsync("register", new { userId = "someone-else", role = "admin" }))[0];
            var registered = (await client.WaitForEventAsync("registered"))[0];
            foreach (var answer in new[] { ack, registered })
            {
                Assert.NotEqual("someone-else", answer.GetProperty("userId").GetString());
                Assert.Equal("customer", answer.GetProperty("role").GetString());
                Assert.Equal(customerId, answer.GetProperty("customerId").GetGuid());
            }

            Assert.NotNull(me);
        }
    }

    [Fact]
    public async Task Room_joins_follow_the_room_rules_with_the_ack_saying_true_or_false()
    {
        using var admin = await app.AdminClientAsync();
        var (customer, customerId, _, _) = await SocketIOScenario.ConnectCustomerAsync(app, admin, "Room Rules");
        var (owner, _) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (customer)
        await using (owner)
        {
            Assert.False((await customer.EmitWithAckAsync("join-room", "role:admin"))[0].GetBoolean());
            Assert.Equal("FORBIDDEN", (await customer.WaitForEventAsync("error"))[0].GetProperty("code").GetString());
            Assert.False((await customer.EmitWithAckAsync("join-room", new { room = $"customer:{Guid.NewGuid()}" }))[0].GetBoolean());
            Assert.False((await customer.EmitWithAckAsync("join:order", "order-17"))[0].GetBoolean());
            Assert.True((await customer.EmitWithAckAsync("join-room", $"customer:{customerId}"))[0].GetBoolean());

            Assert.True((await owner.EmitWithAckAsync("join:order", "order-17"))[0].GetBoolean());
            Assert.True((await owner.EmitWithAckAsync("leave:order", "order-17"))[0].GetBoolean());
            Assert.False((await owner.EmitWithAckAsync("leave:order", "order-17"))[0].GetBoolean());
            Assert.Equal("VALIDATION_FAILED", (await owner.EmitWithAckAsync("join-room", ""))[0].ErrorCode());
            await owner.EmitAsync("heartbeat");
            Assert.Equal("pong", (await owner.EmitWithAckAsync("ping"))[0].GetString());
        }
    }

    [Fact]
    public async Task The_status_endpoint_counts_socket_io_connections()
    {
        var (client, token) = await SocketIOScenario.ConnectAsync(app, DashboardApp.AdminEmail, app.AdminPassword);
        await using (client)
        {
            using var admin = await app.AdminClientAsync();
            var status = await ApiAssert.Json(await admin.GetAsync("/api/v1/realtime/status"));
            Assert.True(status.GetProperty("byTransport").GetProperty("socket.io").GetInt32() >= 1);
            Assert.Contains(status.GetProperty("usersOnline").EnumerateArray(), u => u.GetProperty("userId").GetString() == token.User.Id);
        }
    }
}
