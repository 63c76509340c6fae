using Dashboard.Domain.Common;
using Dashboard.Domain.Subscriptions;
using Dashboard.Realtime;

namespace Dashboard.Subscriptions;

/// <summary><c>subscription:get</c>: staff name the customer; a customer's is their own.</summary>
public sealed record SubscriptionGetCommand(Guid? CustomerId);

/// <summary><c>subscription:pause</c> {from, to, reason}: a customer pauses their own; staff name the customer.</summary>
public sealed record SubscriptionPauseCommand(Guid? CustomerId, DateOnly? From, DateOnly? To, string? Reason);

/// <summary><c>subscription:resume</c> {pauseId}: ends that pause.</summary>
public sealed record SubscriptionResumeCommand(Guid? CustomerId, Guid? PauseId);

/// <summary>
/// Subscriptions over both hubs. Every change, from any channel, goes out as <c>subscription:updated</c> (the whole
/// subscription) to staff and to that customer's own connections only.
/// </summary>
public sealed class SubscriptionRealtime : IRealtimeFeature
{
    public const string Updated = "subscription:updated";

    public void Declare(RealtimeCatalogBuilder catalog)
    {
        catalog.Command<SubscriptionGetCommand>("subscription:get", Operation.ReadSubscriptions, async (call, c) =>
            new CommandReply(await call.Get<SubscriptionService>().GetAsync(call.Actor, c.CustomerId, call.Cancellation)));
        catalog.Command<SubscriptionPauseCommand>("subscription:pause", Operation.PauseSubscriptions, async (call, c) =>
            new CommandReply(await call.Get<SubscriptionService>().PauseAsync(call.Actor, c.CustomerId, new PauseSubscription(c.From, c.To, c.Reason),
                call.Cancellation)));
        catalog.Command<SubscriptionResumeCommand>("subscription:resume", Operation.PauseSubscriptions, async (call, c) =>
        {
            var v = new Validation();
            var pause = v.Required("pauseId", c.PauseId);
            v.ThrowIfInvalid();
            return new CommandReply(await call.Get<SubscriptionService>().ResumeAsync(call.Actor, c.CustomerId, pause!.Value, call.Cancellation));
        });

        catalog.Event<SubscriptionChanged>(Updated, e => e.Subscription,
            e => [.. Rooms.Staff, Rooms.Customer(e.Subscription.CustomerId)]);
    }
}
