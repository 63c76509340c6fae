using System.Text.Json;
using Dashboard.Tests.Realtime.SocketIO;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Realtime;

/// <summary>One real-time test over SignalR and Socket.IO side by side: connect as a user, call a command, read its answer.</summary>
public static class BothTransports
{
    public static async Task<NodeClient> ConnectAsync(DashboardApp app, string transport, string email, string password) => transport == "signalr"
        ? (await HubScenario.ConnectAsync(app, email, password)).Client
        : (await SocketIOScenario.ConnectAsync(app, email, password)).Client;

    /// <summary>The command's answer: a SignalR invocation's result, or a Socket.IO ack's first argument.</summary>
    public static async Task<JsonElement> CallAsync(NodeClient client, string name, object payload) => client switch
    {
        SignalRClient hub => await hub.InvokeAsync(name, payload),
        SocketIOClient socket => (await socket.EmitWithAckAsync(name, payload))[0],
        _ => throw new ArgumentOutOfRangeException(nameof(client)),
    };

    /// <summary>What seed 004's admin dashboard does to receive <c>live-users-update</c>: join <c>admin-dashboard</c>.</summary>
    public static async Task JoinDashboardAsync(NodeClient staff) =>
        Assert.True((await CallAsync(staff, "join-room", "admin-dashboard")).GetBoolean());
}
