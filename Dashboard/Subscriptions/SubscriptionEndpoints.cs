using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Common;
using Dashboard.Domain.Subscriptions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Subscriptions;

/// <summary>A customer's subscription over REST; a customer's app may read and pause only its own (the id in the path).</summary>
public static class SubscriptionEndpoints
{
    public static IEndpointRouteBuilder MapSubscriptionEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/customers/{customerId:guid}/subscription").WithTags("Subscriptions").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/", Get).Requires(Operation.ReadSubscriptions)
            .WithSummary("The subscription: days (pattern, weekdays), shift, start date, today's quantity and price, changes to come, pauses not over, and the next 7 days as planned.");
        api.MapPut("/", Schedule).Requires(Operation.ManageSubscriptions)
            .WithSummary("Set the days and shift {pattern: daily|alternate|weekdays, weekdays: [\"mon\"…], shift: morning|evening, startDate, version}; sent live as subscription:updated.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/changes", Change).Requires(Operation.ManageSubscriptions)
            .WithSummary("From a date (today or later) the quantity and/or the price is … {from, quantity, pricePerLiter}; pending days from then on follow.")
            .ProducesValidationProblem();
        api.MapDelete("/changes/{changeId:guid}", RemoveChange).Requires(Operation.ManageSubscriptions)
            .WithSummary("Take back a change whose day has not come (409 once it has).").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/pauses", Pause).Requires(Operation.PauseSubscriptions)
            .WithSummary("Pause deliveries {from, to, reason} (vacation): from today or later, both days included; pending days in it are skipped.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/pauses/{pauseId:guid}", Resume).Requires(Operation.PauseSubscriptions)
            .WithSummary("End a pause: one not started is taken back, one under way ends yesterday and its skipped days from today are pending again.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Ok<Subscription>> Get(Guid customerId, SubscriptionService subscriptions, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await subscriptions.GetAsync(user.ToActor(Channel.Api), customerId, ct));

    public static async Task<Ok<Subscription>> Schedule(Guid customerId, SetSchedule body, SubscriptionService subscriptions, ClaimsPrincipal user,
        CancellationToken ct) =>
        TypedResults.Ok(await subscriptions.ScheduleAsync(user.ToActor(Channel.Api), customerId, body, ct));

    public static async Task<Ok<Subscription>> Change(Guid customerId, ScheduleChange body, SubscriptionService subscriptions, ClaimsPrincipal user,
        CancellationToken ct) =>
        TypedResults.Ok(await subscriptions.ChangeAsync(user.ToActor(Channel.Api), customerId, body, ct));

    public static async Task<Ok<Subscription>> RemoveChange(Guid customerId, Guid changeId, SubscriptionService subscriptions, ClaimsPrincipal user,
        CancellationToken ct) =>
        TypedResults.Ok(await subscriptions.RemoveChangeAsync(user.ToActor(Channel.Api), customerId, changeId, ct));

    public static async Task<Ok<Subscription>> Pause(Guid customerId, PauseSubscription body, SubscriptionService subscriptions, ClaimsPrincipal user,
        CancellationToken ct) =>
        TypedResults.Ok(await subscriptions.PauseAsync(user.ToActor(Channel.Api), customerId, body, ct));

    public static async Task<Ok<Subscription>> Resume(Guid customerId, Guid pauseId, SubscriptionService subscriptions, ClaimsPrincipal user,
        CancellationToken ct) =>
        TypedResults.Ok(await subscriptions.ResumeAsync(user.ToActor(Channel.Api), customerId, pauseId, ct));
}
