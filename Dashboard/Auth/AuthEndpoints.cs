using System.Globalization;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Users;
using Dashboard.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Auth;

public sealed record TokenRequest(string? Email, string? Password);

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/auth").WithTags("Auth");
        api.MapPost("/token", IssueToken).AllowAnonymous().WithMetadata(new SignInEndpointAttribute())
            .WithSummary("Exchange email and password for a bearer token (apps and scripts).");

        // The browser's sign-out: a form POST with an antiforgery token (checked by UseAntiforgery, which this endpoint's
        // metadata asks for; a minimal API that binds no form must look at the outcome itself), then the sign-in page.
        app.MapPost("/account/logout", async Task<Results<RedirectHttpResult, ProblemHttpResult>> (HttpContext http, SignInManager<AppUser> signIn) =>
        {
            if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
            {
                return Problem(ApiProblems.Create(ErrorCodes.ValidationFailed, "The sign-out form is missing its antiforgery token; sign out from the page."));
            }

            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(
        TokenRequest request, SignInService signIns, UserManager<AppUser> users, TokenService tokens, DashboardDbContext db, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return Problem(ApiProblems.Create(ErrorCodes.ValidationFailed, "email and password are required."));
        }

        var outcome = await signIns.CheckAsync(request.Email, request.Password, ClientAddress.Of(http), http.RequestAborted);
        switch (outcome.Status)
        {
            case SignInStatus.LockedOut:
                http.Response.Headers.RetryAfter = outcome.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Problem(ApiProblems.Create(ErrorCodes.RateLimited,
                    $"Too many failed sign-ins for this account from your address; try again in {outcome.RetryAfterSeconds} s."));
            case SignInStatus.Disabled:
                return Problem(ApiProblems.Create(ErrorCodes.Forbidden, SignInService.DisabledMessage));
            case SignInStatus.WrongCredentials:
                return Problem(ApiProblems.Create(ErrorCodes.Unauthenticated, SignInService.WrongCredentialsMessage));
        }

        var user = outcome.User!;
        var role = (await users.GetRolesAsync(user)).Select(Roles.Normalize).FirstOrDefault(r => r is not null);
        if (role is null)
        {
            return Problem(ApiProblems.Create(ErrorCodes.Forbidden, "This account has no role."));
        }

        return TypedResults.Ok(tokens.Issue(user, role, role == Roles.Delivery ? await AgentRoutes.OfAsync(db, user.Id, http.RequestAborted) : []));
    }

    private static ProblemHttpResult Problem(ProblemDetails problem) => TypedResults.Problem(problem);
}
