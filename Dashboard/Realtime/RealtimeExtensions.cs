using System.Text.Json.Serialization;
using Dashboard.Realtime.SignalR;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Realtime;

public static class RealtimeExtensions
{
    public static WebApplicationBuilder AddDashboardRealtime(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(RealtimeOptions.Section);
        builder.Services.Configure<RealtimeOptions>(section);
        var options = section.Get<RealtimeOptions>() ?? new RealtimeOptions();

        builder.Services.AddSingleton<RealtimeCommands>();
        builder.Services.AddSingleton<ConnectionRegistry>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, BrowserPresence>();
        builder.Services.AddSingleton<ConnectionRateLimits>();
        builder.Services.AddSingleton<RealtimeMetrics>();
        builder.Services.AddSingleton<LiveHubFilter>();
        builder.Services.AddHostedService<SignalRRelay>();
        builder.Services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = options.MaxMessageBytes;
                o.AddFilter<LiveHubFilter>();
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        return builder;
    }

    public static IEndpointRouteBuilder MapDashboardRealtime(this IEndpointRouteBuilder app)
    {
        app.MapHub<LiveHub>(LiveHub.Path, o => o.CloseOnAuthenticationExpiration = true);
        app.MapRealtimeEndpoints();
        return app;
    }
}
