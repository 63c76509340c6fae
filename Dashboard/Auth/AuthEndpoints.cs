using Dashboard.Domain.Common;
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
    public const string DisabledMessage = "This account is disabled; ask an admin to enable it.";

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/auth").WithTags("Auth");
        api.MapPost("/token", IssueToken).AllowAnonymous()
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
        TokenRequest request, UserManager<AppUser> users, SignInManager<AppUser> signIn, TokenService tokens, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return Problem(ApiProblems.Create(ErrorCodes.ValidationFailed, "email and password are required."));
        }

        var user = await users.FindByEmailAsync(request.Email.Trim());
        if (user is null)
        {
            return Problem(ApiProblems.Create(ErrorCodes.Unauthenticated, "Wrong email or password."));
        }

        // Disabled by an admin: said plainly, but only to someone who knows the password.
        if (UserRules.IsDisabled(user.LockoutEnd))
        {
            return Problem(await users.CheckPasswordAsync(user, request.Password)
                ? ApiProblems.Create(ErrorCodes.Forbidden, DisabledMessage)
                : ApiProblems.Create(ErrorCodes.Unauthenticated, "Wrong email or password."));
        }

        var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            var end = await users.GetLockoutEndDateAsync(user);
            var seconds = end is { } e ? Math.Max(1, (int)Math.Ceiling((e - DateTimeOffset.UtcNow).TotalSeconds)) : 300;
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problem(ApiProblems.Create(ErrorCodes.RateLimited, $"Too many failed sign-ins; the account is locked for {seconds} s."));
        }

        if (!result.Succeeded)
        {
            return Problem(ApiProblems.Create(ErrorCodes.Unauthenticated, "Wrong email or password."));
        }

        var role = (await users.GetRolesAsync(user)).Select(Roles.Normalize).FirstOrDefault(r => r is not null);
        if (role is null)
        {
            return Problem(ApiProblems.Create(ErrorCodes.Forbidden, "This account has no role."));
        }

        return TypedResults.Ok(tokens.Issue(user, role));
    }

    private static ProblemHttpResult Problem(ProblemDetails problem) => TypedResults.Problem(problem);
}
