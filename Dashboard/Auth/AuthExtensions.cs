using Dashboard.Auth;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Users;
using Dashboard.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

public static class AuthExtensions
{
    /// <summary>
    /// Chooses the bearer token when the request carries one, or when it changes something through the API
    /// (docs/decisions/0013-api-writes-need-a-bearer-token.md); the Identity cookie otherwise.
    /// </summary>
    public const string Scheme = "Dashboard";

    public const string BearerRequiredMessage =
        "Changes through the API need a bearer token (Authorization: Bearer …, from POST /api/v1/auth/token); the sign-in cookie only reads.";

    public static WebApplicationBuilder AddDashboardAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Lockout after wrong passwords is SignInAttempts' (per account and address); Identity's LockoutEnd
                // only says "disabled by an admin".
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<DashboardDbContext>()
            .AddClaimsPrincipalFactory<DashboardClaimsFactory>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "dashboard.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS, as the app or a trusted proxy saw it (Forwarded headers, HostingExtensions).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(7);
            o.Events.OnRedirectToLogin = ctx => IsApi(ctx.Request)
                ? ApiProblems.WriteAsync(ctx.HttpContext, ErrorCodes.Unauthenticated, "Sign in or send a bearer token.")
                : RedirectAsync(ctx.Response, ctx.RedirectUri);
            o.Events.OnValidatePrincipal = ValidateCookieAsync;
            o.Events.OnRedirectToAccessDenied = ctx => IsApi(ctx.Request)
                ? ApiProblems.WriteAsync(ctx.HttpContext, ErrorCodes.Forbidden, "Your role may not do this.")
                : RedirectAsync(ctx.Response, ctx.RedirectUri);
        });

        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddSingleton<UserAccess>();
        services.AddSingleton<IUserSignInCache>(sp => sp.GetRequiredService<UserAccess>());
        services.AddSingleton<TokenService>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultAuthenticateScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = ctx =>
                HasBearer(ctx.Request) || IsApiWrite(ctx.Request) ? JwtBearerDefaults.AuthenticationScheme : IdentityConstants.ApplicationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.Events = new JwtBearerEvents
                {
                    // Real-time clients cannot set headers on WebSockets; they send the token in the query string.
                    // Nowhere else: a URL ends up in logs, histories and Referer headers.
                    OnMessageReceived = ctx =>
                    {
                        if (string.IsNullOrEmpty(ctx.Token) && QueryToken(ctx.Request) is { } token)
                        {
                            ctx.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                    // A disabled user's tokens, and tokens issued before their role or password changed, stop working.
                    OnTokenValidated = async ctx =>
                    {
                        var access = ctx.HttpContext.RequestServices.GetRequiredService<UserAccess>();
                        if (await access.RefusalAsync(ctx.Principal!, ctx.HttpContext.RequestAborted) is { } reason)
                        {
                            ctx.Fail(new AccessRevokedException(reason));
                        }
                    },
                    OnChallenge = ctx =>
                    {
                        ctx.HandleResponse();
                        var message = ctx.AuthenticateFailure switch
                        {
                            null when IsApiWrite(ctx.Request) && !HasBearer(ctx.Request) => BearerRequiredMessage,
                            null => "A bearer token is required.",
                            AccessRevokedException revoked => revoked.Message,
                            _ => "The bearer token is invalid or expired.",
                        };
                        ctx.Response.Headers.WWWAuthenticate = "Bearer";
                        return ApiProblems.WriteAsync(ctx.HttpContext, ErrorCodes.Unauthenticated, message);
                    },
                    OnForbidden = ctx => ApiProblems.WriteAsync(ctx.HttpContext, ErrorCodes.Forbidden, "Your role may not do this."),
                };
            });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenService>((o, tokens) => o.TokenValidationParameters = tokens.ValidationParameters());

        services.AddAuthorization(o => o.AddOperationPolicies());
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler>(OwnCustomerInPath.Instance);
        services.AddCascadingAuthenticationState();
        return builder;
    }

    /// <summary>
    /// The same check for the browser's cookie, on every request (cached briefly by <see cref="UserAccess"/>), then
    /// Identity's own periodic stamp check, which also refreshes the cookie's claims.
    /// </summary>
    private static async Task ValidateCookieAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext ctx)
    {
        var access = ctx.HttpContext.RequestServices.GetRequiredService<UserAccess>();
        if (ctx.Principal is null || await access.RefusalAsync(ctx.Principal, ctx.HttpContext.RequestAborted) is not null)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(ctx);
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    /// <summary>A cookie rides along with any request a browser makes to us, so it may not change anything through the API.</summary>
    private static bool IsApiWrite(HttpRequest request) => IsApi(request) && !HttpMethods.IsGet(request.Method)
        && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method) && !HttpMethods.IsTrace(request.Method);

    private static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || QueryToken(request) is not null;

    private static string? QueryToken(HttpRequest request) =>
        (request.Path.StartsWithSegments("/hubs") || request.Path.StartsWithSegments("/socket.io"))
        && request.Query.TryGetValue("access_token", out var token) && !string.IsNullOrEmpty(token)
            ? token.ToString()
            : null;

    private static Task RedirectAsync(HttpResponse response, string uri)
    {
        response.Redirect(uri);
        return Task.CompletedTask;
    }
}
