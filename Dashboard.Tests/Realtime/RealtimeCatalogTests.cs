using System.Text.Json;
using Dashboard.Domain.Common;
using Dashboard.Domain.Events;
using Dashboard.Realtime;
using Dashboard.Tests.Api;
using Dashboard.Tests.Realtime.SocketIO;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Realtime;

/// <summary>
/// A feature the app does not have, registered by the test through DI only: its commands, aliases, room alias and outbound
/// event work over SignalR and Socket.IO alike — the transports dispatch from the catalog and were not touched for it.
/// </summary>
public sealed class RealtimeCatalogTests(RealtimeCatalogTests.ExtraFeatureApp app) : IClassFixture<RealtimeCatalogTests.ExtraFeatureApp>
{
    public sealed class ExtraFeatureApp : DashboardApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddRealtimeFeature<EchoFeature>());
        }
    }

    public sealed record EchoMessage(string? Text);

    public sealed record Announced(string Text, string UserId) : IDomainEvent
    {
        public Guid? CustomerId => null;
    }

    public sealed class EchoFeature : IRealtimeFeature
    {
        public void Declare(RealtimeCatalogBuilder catalog)
        {
            catalog.Command<EchoMessage>("test:echo", null, (call, m) =>
                    Task.FromResult(new CommandReply(new { echo = m.Text, call.Actor.UserId }, "test:echoed", new { echo = m.Text })))
                .Alias("test-echo");
            catalog.Command<EchoMessage>("test:admin-only", Operation.ManageUsers, (_, m) => Task.FromResult(new CommandReply(m.Text)));
            catalog.Command<EchoMessage>("test:announce", null, async (call, m) => new CommandReply(await call.Get<DomainWriter>().WriteAsync(call.Actor,
                scope =>
                {
                    scope.Raise(new Announced(m.Text ?? "", call.Actor.UserId));
                    return Task.FromResult(true);
                }, call.Cancellation)));
            catalog.Event<Announced>("test:announced", a => new { a.Text }, a => [Rooms.User(a.UserId)]).Alias("test-announced");
            catalog.RoomAlias("me-", Rooms.User);
        }
    }

    private static readonly string[] Events = ["connected", "error", "test:echoed", "test:announced", "test-announced"];

    public static TheoryData<string> Transports() => new() { "signalr", "socket.io" };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_feature_registered_only_in_DI_answers_its_commands_and_aliases_under_the_rules_table(string transport)
    {
        await using var client = await ConnectCustomerAsync(transport, $"Catalog {transport}");

        var echo = await client.CallAsync("test:echo", new { text = "hello" });
        Assert.Equal("hello", echo.GetProperty("echo").GetString());
        Assert.Equal(client.UserId, echo.GetProperty("userId").GetString());
        Assert.Equal("hello", (await client.Node.WaitForEventAsync("test:echoed"))[0].GetProperty("echo").GetString());
        Assert.Equal("again", (await client.CallAsync("test-echo", new { text = "again" })).GetProperty("echo").GetString());

        var notAnObject = await client.CallAsync("test:echo", 42);
        Assert.Equal(ErrorCodes.ValidationFailed, notAnObject.ErrorCode());
        Assert.Equal("The payload must be an object.", notAnObject.GetProperty("error").GetProperty("message").GetString());
        var wrongType = await client.CallAsync("test:echo", new { text = 5 });
        Assert.Equal("text has the wrong type.", wrongType.GetProperty("error").GetProperty("message").GetString());

        // The rule first: a customer is refused before the (bad) payload is even read.
        Assert.Equal(ErrorCodes.Forbidden, (await client.CallAsync("test:admin-only", new { text = "x" })).ErrorCode());
        Assert.Equal(ErrorCodes.Forbidden, (await client.CallAsync("test:admin-only", 42)).ErrorCode());

        Assert.True((await client.CallAsync("join-room", $"me-{client.UserId}")).GetBoolean());
        Assert.False((await client.CallAsync("join-room", new { room = "me-someone-else" })).GetBoolean());

        // Counted under the name the client used, on either transport.
        using var admin = await app.AdminClientAsync();
        var metrics = await ApiAssert.Json(await admin.GetAsync("/api/v1/realtime/metrics"));
        Assert.True(metrics.GetProperty("eventsIn").GetProperty("test-echo").GetInt64() >= 1);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_feature_s_event_goes_out_under_its_name_and_its_alias_to_its_rooms_only(string transport)
    {
        await using var client = await ConnectCustomerAsync(transport, $"Announcing {transport}");
        await using var other = await ConnectCustomerAsync(transport, $"Not announcing {transport}");

        Assert.True((await client.CallAsync("test:announce", new { text = "on the way" })).GetBoolean());

        var named = await client.Node.WaitForEventAsync("test:announced");
        var aliased = await client.Node.WaitForEventAsync("test-announced");
        Assert.Equal("on the way", named[0].GetProperty("text").GetString());
        Assert.Equal(named[0].GetRawText(), aliased[0].GetRawText());
        Assert.Equal(named[1].ToString(), aliased[1].ToString()); // one event, one log position
        await other.Node.AssertNoEventAsync("test:announced", null, TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Names_outside_the_catalog_get_a_clear_error_and_the_dispatch_method_is_not_callable_by_its_own_name()
    {
        await using var signalR = await ConnectCustomerAsync("signalr", "Unknown names hub");
        var hub = (SignalRClient)signalR.Node;
        var unknown = await Assert.ThrowsAsync<SignalRInvokeException>(() => hub.InvokeAsync("test:nothing", new { }));
        Assert.Contains("test:nothing", unknown.Message, StringComparison.Ordinal);
        var direct = await Assert.ThrowsAsync<SignalRInvokeException>(() => hub.InvokeAsync("catalog:dispatch", "test:echo", new { text = "x" }));
        Assert.Contains("catalog:dispatch", direct.Message, StringComparison.Ordinal);

        await using var socket = await ConnectCustomerAsync("socket.io", "Unknown names socket");
        var refused = await socket.CallAsync("test:nothing", new { });
        Assert.Equal(ErrorCodes.ValidationFailed, refused.ErrorCode());
        Assert.Equal("Unknown event 'test:nothing'.", refused.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void A_name_declared_twice_stops_the_catalog_naming_both_features()
    {
        using var services = new ServiceCollection().BuildServiceProvider();
        var twice = Assert.Throws<InvalidOperationException>(() => new RealtimeCatalog([new EchoFeature(), new EchoAgain()], services));
        Assert.Contains("'test-echo'", twice.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(EchoFeature), twice.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(EchoAgain), twice.Message, StringComparison.Ordinal);

        var reserved = Assert.Throws<InvalidOperationException>(() => new RealtimeCatalog([new TakesEventsSince()], services));
        Assert.Contains("reserved", reserved.Message, StringComparison.Ordinal);
    }

    private sealed class EchoAgain : IRealtimeFeature
    {
        public void Declare(RealtimeCatalogBuilder catalog) =>
            catalog.Command("test-echo", null, _ => Task.FromResult(new CommandReply(null)));
    }

    private sealed class TakesEventsSince : IRealtimeFeature
    {
        public void Declare(RealtimeCatalogBuilder catalog) =>
            catalog.Command(EventRecovery.Method, null, _ => Task.FromResult(new CommandReply(null)));
    }

    private async Task<Connection> ConnectCustomerAsync(string transport, string name)
    {
        using var admin = await app.AdminClientAsync();
        var customerId = await ApiScenario.CreateCustomerAsync(admin, name);
        var (email, password) = await ApiScenario.CreateUserAsync(admin, Roles.Customer, customerId);
        var token = await HubScenario.TokenAsync(app, email, password);
        NodeClient node = transport == "signalr"
            ? await SignalRClient.ConnectAsync(app.BaseAddress, token.AccessToken, "websockets", null, SignalRClient.DefaultHubPath, Events)
            : await SocketIOClient.ConnectAsync(app.BaseAddress, token.AccessToken);
        Assert.True(node.Connected);
        var connected = await node.WaitForEventAsync("connected");
        return new Connection(node, connected[0].GetProperty("userId").GetString()!);
    }

    /// <summary>One client on either transport: a call returns the hub's result or the ack's first argument.</summary>
    private sealed record Connection(NodeClient Node, string UserId) : IAsyncDisposable
    {
        public async Task<JsonElement> CallAsync(string name, object payload) => Node is SignalRClient hub
            ? await hub.InvokeAsync(name, payload)
            : (await ((SocketIOClient)Node).EmitWithAckAsync(name, payload))[0];

        public ValueTask DisposeAsync() => Node.DisposeAsync();
    }
}
