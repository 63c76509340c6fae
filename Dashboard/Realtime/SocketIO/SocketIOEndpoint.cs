using Dashboard.Auth;
using Dashboard.Realtime.SocketIO.Engine;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Dashboard.Realtime.SocketIO;

/// <summary>The app's Socket.IO endpoint at /socket.io/: the engine, the server and its two namespaces, built from Realtime settings.</summary>
public sealed class SocketIOEndpoint
{
    public const string Path = "/socket.io";
    public const string CorsPolicy = "socket.io";
    public const string AdminNamespace = "/admin";

    public SocketIOEndpoint(IServiceProvider services, IOptions<RealtimeOptions> realtime, IOptions<JsonHubProtocolOptions> json, ILoggerFactory loggers)
    {
        var settings = realtime.Value.SocketIO;
        var metrics = services.GetRequiredService<RealtimeMetrics>();
        Server = new SocketIOServer(new SocketIOOptions
        {
            ConnectTimeout = TimeSpan.FromMilliseconds(settings.ConnectTimeoutMs),
            MaxMessageBytes = realtime.Value.MaxMessageBytes,
            AttachmentTimeout = TimeSpan.FromMilliseconds(settings.AttachmentTimeoutMs),
        }, json.Value.PayloadSerializerOptions, loggers.CreateLogger<SocketIOServer>());
        Main = Server.AddNamespace("/", Namespace(services, staffOnly: false));
        Admin = Server.AddNamespace(AdminNamespace, Namespace(services, staffOnly: true));
        Engine = new EngineServer(new EngineOptions
        {
            PingInterval = TimeSpan.FromMilliseconds(settings.PingIntervalMs),
            PingTimeout = TimeSpan.FromMilliseconds(settings.PingTimeoutMs),
            MaxPayload = settings.MaxPayloadBytes,
            OutboxCapacity = settings.OutboxCapacity,
        }, Server, loggers.CreateLogger<EngineServer>(), () => metrics.SlowClientDropped(DashboardNamespace.Transport));
    }

    public SocketIOServer Server { get; }

    public EngineServer Engine { get; }

    public SocketNamespace Main { get; }

    public SocketNamespace Admin { get; }

    private static DashboardNamespace Namespace(IServiceProvider services, bool staffOnly) => new(staffOnly,
        services.GetRequiredService<TokenService>(), services.GetRequiredService<RealtimeCatalog>(), services.GetRequiredService<ConnectionRegistry>(),
        services.GetRequiredService<ConnectionRateLimits>(), services.GetRequiredService<RealtimeMetrics>(),
        services.GetRequiredService<Recovery.SocketIORecovery>(), services.GetRequiredService<ILogger<DashboardNamespace>>());

    /// <summary>Every origin the configuration lists (Realtime:CorsOrigins and SOCKET_CORS_ORIGINS).</summary>
    public static string[] Origins(IConfiguration configuration, RealtimeOptions options) =>
        [.. options.CorsOrigins.Concat((configuration["SOCKET_CORS_ORIGINS"] ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(o => o.TrimEnd('/')).Distinct(StringComparer.OrdinalIgnoreCase)];

    public static void ConfigureCors(CorsPolicyBuilder policy, string[] origins)
    {
        policy.WithMethods("GET", "POST").AllowAnyHeader();
        if (origins.Contains("*"))
        {
            policy.AllowAnyOrigin(); // never with credentials
        }
        else
        {
            policy.WithOrigins(origins).AllowCredentials();
        }
    }

    /// <summary>
    /// For WebSockets, which CORS does not cover: a browser page may connect from its own origin or a listed one.
    /// (The token, not a cookie, authenticates, so this is defence in depth.)
    /// </summary>
    public static bool IsOriginAllowed(HttpContext http, string origin, string[] origins) =>
        origins.Contains("*") || origins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase)
        || string.Equals(origin, $"{http.Request.Scheme}://{http.Request.Host}", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Logged events to the rooms of both namespaces (an /admin socket is in the same user/role rooms): the event array is
/// serialized once per name it goes out under (its catalog aliases), with its log position as the recovery offset.
/// </summary>
public sealed class SocketIORelay(
    Dashboard.Domain.Events.IEventAggregator events, Dashboard.Domain.Events.EventLogReader log, Dashboard.Domain.Stats.LiveStats stats,
    Dashboard.Domain.Common.BusinessClock clock, SocketIOEndpoint endpoint, RealtimeCatalog catalog, RealtimeMetrics metrics, ILogger<SocketIORelay> logger,
    LiveMessages live)
    : RealtimeRelay(events, log, stats, clock, metrics, logger, live)
{
    protected override string Transport => DashboardNamespace.Transport;

    protected override Task DeliverAsync(Dashboard.Domain.Events.LoggedEvent e)
    {
        var arrays = Protocol.SocketCodec.LoggedEventArrays(catalog.WireNames(e.Name), e.Payload, e.Position);
        endpoint.Main.EmitLoggedToRooms(e.Rooms, arrays, e.Position);
        endpoint.Admin.EmitLoggedToRooms(e.Rooms, arrays, e.Position);
        return Task.CompletedTask;
    }

    protected override Task DeliverAsync(string name, object payload, IReadOnlyList<string> rooms)
    {
        endpoint.Main.EmitToRooms(rooms, name, payload);
        endpoint.Admin.EmitToRooms(rooms, name, payload);
        return Task.CompletedTask;
    }
}
