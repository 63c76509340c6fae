namespace Dashboard.Realtime.SocketIO.Engine;

public static class EngineEndpoints
{
    /// <summary>Maps an Engine.IO server at <paramref name="path"/>, with WebSockets enabled for that endpoint alone.</summary>
    public static IEndpointConventionBuilder MapEngineIO(this IEndpointRouteBuilder endpoints, string path, EngineServer server)
    {
        var app = endpoints.CreateApplicationBuilder();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero }); // Engine.IO pings on its own
        app.Run(server.HandleAsync);
        var pipeline = app.Build();
        return endpoints.Map(path, pipeline).WithDisplayName($"Engine.IO {path}");
    }
}
