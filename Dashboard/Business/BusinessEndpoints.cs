using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Business;
using Dashboard.Domain.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Business;

public static class BusinessEndpoints
{
    public static IEndpointRouteBuilder MapBusinessEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/business").WithTags("Business").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/", Get).Requires(Operation.ReadBusiness)
            .WithSummary("The business's profile (name, phone, address, opening hours, time zone) and whether it is open now, with its message.");
        api.MapPut("/", Update).Requires(Operation.ManageBusiness)
            .WithSummary("Change the profile {name?, phone?, address?, openingHours?, version?} (Admin); absent fields stay; a stale version is 409.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/status", SetStatus).Requires(Operation.SetBusinessStatus)
            .WithSummary("Open or close the business {isOpen, message?} (Admin, Staff): every app and page hears business:status:update; "
                + "while closed, customers' new orders are refused with BUSINESS_CLOSED (409).")
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Ok<BusinessProfile>> Get(BusinessService business, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await business.GetAsync(user.ToActor(Channel.Api), ct));

    public static async Task<Ok<BusinessProfile>> Update(UpdateBusinessProfile body, BusinessService business, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await business.UpdateProfileAsync(user.ToActor(Channel.Api), body, ct));

    public static async Task<Ok<BusinessProfile>> SetStatus(SetBusinessStatus body, BusinessService business, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await business.SetStatusAsync(user.ToActor(Channel.Api), body, ct));
}
