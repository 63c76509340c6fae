using System.Text.Json;
using Dashboard.Realtime.SocketIO.Engine;

namespace Dashboard.Realtime.SocketIO.Conformance;

/// <summary>
/// The Socket.IO engine alone, set up as the socket.io project's protocol test suites expect
/// (docs/engine.io-protocol/v4-test-suite and docs/socket.io-protocol/v5-test-suite): port 3000, pingInterval 300 ms,
/// pingTimeout 200 ms, maxPayload 1 000 000, connectTimeout 1 000 ms, CORS *. See docs/socketio-conformance.md.
/// Started by <c>dotnet run --project Dashboard -- socketio-conformance [--port 3000]</c>; touches no database.
/// </summary>
public static class ConformanceHost
{
    public const string Command = "socketio-conformance";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Command;

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args[1..]);
        var port = builder.Configuration.GetValue("port", 3000);
        builder.WebHost.UseUrls($"http://localhost:{port}");
        builder.Services.AddCors();
        var app = builder.Build();

        var engineOptions = new EngineOptions
        {
            PingInterval = TimeSpan.FromMilliseconds(300),
            PingTimeout = TimeSpan.FromMilliseconds(200),
            MaxPayload = 1_000_000,
        };
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        var echo = new EngineServer(engineOptions, new EchoHandler(), loggers.CreateLogger<EngineServer>());
        var socketIO = new SocketIOServer(new SocketIOOptions { ConnectTimeout = TimeSpan.FromSeconds(1) },
            new JsonSerializerOptions(JsonSerializerDefaults.Web), loggers.CreateLogger<SocketIOServer>());
        socketIO.AddNamespace("/", new TestNamespace());
        socketIO.AddNamespace("/custom", new TestNamespace());
        var sockets = new EngineServer(engineOptions, socketIO, loggers.CreateLogger<EngineServer>());

        app.UseCors(cors => cors.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod());
        app.MapEngineIO("/engine.io", echo);
        app.MapEngineIO("/socket.io", sockets);
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            echo.CloseAll("server shutting down");
            sockets.CloseAll("server shutting down");
        });
        await app.RunAsync();
    }

    /// <summary>Engine.IO alone: every message comes back as it was sent.</summary>
    private sealed class EchoHandler : IEngineHandler
    {
        public void OnOpen(EngineSession session)
        {
        }

        public ValueTask OnMessageAsync(EngineSession session, EnginePacket message)
        {
            session.Send(message.Binary is { } data ? EngineFrame.Message(data) : EngineFrame.Message(message.Text!));
            return ValueTask.CompletedTask;
        }

        public void OnClose(EngineSession session, string reason)
        {
        }
    }

    /// <summary>What the v5 suite expects: "auth" on connect, "message" → "message-back", "message-with-ack" acked with its arguments.</summary>
    private sealed class TestNamespace : ISocketNamespaceHandler
    {
        public ValueTask<SocketConnectResult> AuthorizeAsync(SocketConnectRequest request) => ValueTask.FromResult(SocketConnectResult.Allow(null));

        public ValueTask OnConnectedAsync(SocketIOSocket socket)
        {
            socket.Emit("auth", socket.Auth is { } auth ? auth : new Dictionary<string, object>());
            return ValueTask.CompletedTask;
        }

        public ValueTask<SocketAck?> OnEventAsync(SocketIOSocket socket, SocketEvent message)
        {
            var args = message.Args.Cast<object?>().ToList();
            switch (message.Name)
            {
                case "message":
                    socket.EmitBinary("message-back", args, message.Attachments);
                    return ValueTask.FromResult<SocketAck?>(null);
                case "message-with-ack":
                    return ValueTask.FromResult<SocketAck?>(new SocketAck(args, message.Attachments));
                default:
                    return ValueTask.FromResult<SocketAck?>(null);
            }
        }

        public void OnDisconnected(SocketIOSocket socket, string reason)
        {
        }
    }
}
