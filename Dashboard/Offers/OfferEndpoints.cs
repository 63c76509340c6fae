using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Common;
using Dashboard.Domain.Offers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Offers;

public static class OfferEndpoints
{
    public static IEndpointRouteBuilder MapOfferEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/offers").WithTags("Offers").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/", List).Requires(Operation.ReadOffers)
            .WithSummary("Offers, newest first: every one for Admin and Staff; for a customer, those usable today.");
        api.MapPost("/", Create).Requires(Operation.ManageOffers)
            .WithSummary("Add an offer {code, description, discountType: percent | fixed, discountValue, minOrder?, validFrom?, validTo?, isActive?} "
                + "(Admin, Staff); active unless isActive is false, and then customers' apps hear offer:new. A code already taken is 409.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{id:guid}", Update).Requires(Operation.ManageOffers)
            .WithSummary("Change an offer (not its code), or switch it on or off {isActive}; switching on sends offer:new. A stale version is 409.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<Offer>>> List(OfferService offers, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await offers.ListAsync(user.ToActor(Channel.Api), ct));

    public static async Task<Created<Offer>> Create(CreateOffer body, OfferService offers, ClaimsPrincipal user, CancellationToken ct)
    {
        var offer = await offers.CreateAsync(user.ToActor(Channel.Api), body, ct);
        return TypedResults.Created($"/api/v1/offers/{offer.Id}", offer);
    }

    public static async Task<Ok<Offer>> Update(Guid id, UpdateOffer body, OfferService offers, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await offers.UpdateAsync(user.ToActor(Channel.Api), id, body, ct));
}
