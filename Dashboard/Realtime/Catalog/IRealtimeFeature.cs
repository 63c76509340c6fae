using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Realtime;

/// <summary>
/// One feature's part of the real-time contract: the client → server commands it answers and the server → client events
/// its domain events become. It sits next to the feature's web code (<c>Dashboard/Payments/PaymentRealtime.cs</c>); the
/// <see cref="RealtimeCatalog"/> collects every registered feature, and the transports dispatch from the catalog.
/// </summary>
/// <remarks>
/// A feature holds no services: handlers take theirs from the call (<see cref="CommandCall.Get{T}"/>), because the
/// domain's writer needs the catalog (to log events by their wire names) before any domain service exists.
/// </remarks>
public interface IRealtimeFeature
{
    void Declare(RealtimeCatalogBuilder catalog);
}

public static class RealtimeFeatureExtensions
{
    /// <summary>Adds a feature's commands and events to the real-time catalog (once, however often it is called).</summary>
    public static IServiceCollection AddRealtimeFeature<TFeature>(this IServiceCollection services)
        where TFeature : class, IRealtimeFeature
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRealtimeFeature, TFeature>());
        return services;
    }
}
