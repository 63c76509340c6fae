using System.Text.Json.Serialization;
using Dashboard.Domain.Events;
using Dashboard.Realtime.SignalR;
using Dashboard.Realtime.SocketIO;
using Dashboard.Realtime.SocketIO.Engine;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Realtime;

public static class RealtimeExtensions
{
    public static WebApplicationBuilder AddDashboardRealtime(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(RealtimeOptions.Section);
        builder.Services.Configure<RealtimeOptions>(section);
        var options = section.Get<RealtimeOptions>() ?? new RealtimeOptions();

        builder.Services.AddSingleton<IEventDescriber, CatalogEventDescriber>();
        builder.Services.Configure<EventLogOptions>(builder.Configuration.GetSection(EventLogOptions.Section));
        builder.Services.Configure<AggregatorOptions>(builder.Configuration.GetSection(AggregatorOptions.Section));
        builder.Services.AddSingleton<RealtimeCatalog>();
        builder.Services.AddRealtimeFeature<RealtimeCore>();
        builder.Services.AddSingleton<ConnectionRegistry>();
        builder.Services.AddSingleton<LiveMessages>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, BrowserPresence>();
        builder.Services.AddSingleton<ConnectionRateLimits>();
        builder.Services.AddSingleton<RealtimeMetrics>();
        builder.Services.AddSingleton<LiveHubFilter>();
        builder.Services.AddSingleton<SignalRRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SignalRRelay>());
        builder.Services.AddSingleton<EventRecovery>();
        builder.Services.AddHostedService<SessionRevoker>();
        builder.Services.AddSingleton<SocketIO.Recovery.RecoverableSessions>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SocketIO.Recovery.RecoverableSessions>());
        builder.Services.AddSingleton<SocketIO.Recovery.SocketIORecovery>();
        builder.Services.AddSingleton<SocketIOEndpoint>();
        builder.Services.AddHostedService<SocketIORelay>();
        var origins = SocketIOEndpoint.Origins(builder.Configuration, options);
        builder.Services.AddCors(o => o.AddPolicy(SocketIOEndpoint.CorsPolicy, policy => SocketIOEndpoint.ConfigureCors(policy, origins)));
        // The apps' hub only: options and filters set globally would also apply to Blazor's own circuit hub, rate-limiting
        // a fast typist's page and answering its calls with an `error` event its protocol cannot even serialize.
        builder.Services.AddSignalR()
            .AddHubOptions<LiveHub>(o =>
            {
                o.MaximumReceiveMessageSize = options.MaxMessageBytes;
                o.AddFilter<LiveHubFilter>();
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        RouteCatalogCommands(builder.Services);
        return builder;
    }

    /// <summary>
    /// The JSON hub protocol, wrapped so that the hub answers every catalog command by its name (docs/decisions/0014). SignalR
    /// only tries to add its resolver, so this one stands whoever calls <c>AddSignalR()</c> later (Blazor does).
    /// </summary>
    private static void RouteCatalogCommands(IServiceCollection services) =>
        services.AddSingleton<IHubProtocolResolver, CatalogHubProtocolResolver>();

    public static IEndpointRouteBuilder MapDashboardRealtime(this IEndpointRouteBuilder app)
    {
        // Collected and checked now: a name declared twice stops the app here, not at its first message.
        app.ServiceProvider.GetRequiredService<RealtimeCatalog>();
        // Stateful reconnect: a WebSocket that drops and comes back within the buffer (HubOptions.StatefulReconnectBufferSize)
        // resumes the same connection and gets what was sent meanwhile; longer gaps recover through `events:since`.
        app.MapHub<LiveHub>(LiveHub.Path, o =>
        {
            o.CloseOnAuthenticationExpiration = true;
            o.AllowStatefulReconnects = true;
        });
        var socketIO = app.ServiceProvider.GetRequiredService<SocketIOEndpoint>();
        var origins = SocketIOEndpoint.Origins(app.ServiceProvider.GetRequiredService<IConfiguration>(),
            app.ServiceProvider.GetRequiredService<IOptions<RealtimeOptions>>().Value);
        socketIO.Engine.IsOriginAllowed = (http, origin) => SocketIOEndpoint.IsOriginAllowed(http, origin, origins);
        app.MapEngineIO(SocketIOEndpoint.Path, socketIO.Engine).AllowAnonymous().RequireCors(SocketIOEndpoint.CorsPolicy);
        // Stopping: end every session so apps see a transport close and reconnect, instead of holding shutdown open.
        app.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping
            .Register(() => socketIO.Engine.CloseAll("server shutting down"));
        app.MapRealtimeEndpoints();
        return app;
    }
}
