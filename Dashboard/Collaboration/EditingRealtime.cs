using Dashboard.Realtime;

namespace Dashboard.Collaboration;

/// <summary><c>activity:typing</c> {entity, action?} and <c>activity:stop-typing</c> {entity}.</summary>
public sealed record EditingCommand(string? Entity, string? Action);

/// <summary>
/// Seed 002's editing indicators over both hubs (<see cref="EditingPresence"/>): an app says what it is editing and
/// hears others'; who is editing is the token's user. Live only.
/// </summary>
public sealed class EditingRealtime : IRealtimeFeature
{
    public void Declare(RealtimeCatalogBuilder catalog)
    {
        catalog.Command<EditingCommand>(EditingPresence.Typing, null, async (call, c) =>
            new CommandReply(await call.Get<EditingPresence>().StartAsync(call.Actor, call.ConnectionId, c.Entity, c.Action, call.Cancellation)));
        catalog.Command<EditingCommand>(EditingPresence.StopTyping, null, async (call, c) =>
        {
            await call.Get<EditingPresence>().StopAsync(call.Actor, call.ConnectionId, c.Entity, call.Cancellation);
            return new CommandReply(new { entity = c.Entity });
        });
        catalog.LiveOnly(EditingPresence.Typing);
        catalog.LiveOnly(EditingPresence.StopTyping);
    }
}

public static class EditingExtensions
{
    public static IServiceCollection AddEditingIndicators(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EditingOptions>(configuration.GetSection(EditingOptions.Section));
        services.AddSingleton<EditingPresence>();
        services.AddScoped<EditingSession>();
        services.AddHostedService(sp => sp.GetRequiredService<EditingPresence>());
        return services.AddRealtimeFeature<EditingRealtime>();
    }
}
