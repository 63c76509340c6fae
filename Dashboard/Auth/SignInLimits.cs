using System.Globalization;
using System.Threading.RateLimiting;
using Dashboard.Domain.Common;
using Dashboard.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>Marks a sign-in endpoint (its POSTs are rate limited); on a Razor page, as <c>@attribute [SignInEndpoint]</c>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class SignInEndpointAttribute : Attribute;

public static class SignInLimits
{
    /// <summary>
    /// The sign-in service, its lockout table, and ASP.NET Core's rate limiter on the sign-in endpoints: first per client
    /// address, then for the whole instance — in that order, so that one flooding address spends only its own permits.
    /// </summary>
    public static WebApplicationBuilder AddDashboardSignIn(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SignInLimitOptions>().BindConfiguration(SignInLimitOptions.Section)
            .Validate(o => o.PermitPerMinute > 0 && o.GlobalPermitPerMinute > 0 && o.MaxFailures > 0 && o.LockoutDuration > TimeSpan.Zero,
                $"{SignInLimitOptions.Section}: every limit must be positive.")
            .ValidateOnStart();
        services.AddSingleton<SignInAttempts>();
        services.AddSingleton<PasswordCheck>();
        services.AddScoped<SignInService>();

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInLimitOptions>>((o, limits) =>
        {
            var perAddress = limits.Value.PermitPerMinute;
            var global = limits.Value.GlobalPermitPerMinute;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignIn(http)
                    ? RateLimitPartition.GetSlidingWindowLimiter(ClientAddress.Of(http), _ => PerMinute(perAddress))
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignIn(http)
                    ? RateLimitPartition.GetSlidingWindowLimiter("all", _ => PerMinute(global))
                    : RateLimitPartition.GetNoLimiter("")));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
        });
        return builder;
    }

    private static bool IsSignIn(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && http.GetEndpoint()?.Metadata.GetMetadata<SignInEndpointAttribute>() is not null;

    private static SlidingWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        SegmentsPerWindow = 6,
        QueueLimit = 0,
    };

    /// <summary>An app gets 429 ProblemDetails; a browser is sent back to the sign-in page, which says how long to wait.</summary>
    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await ApiProblems.WriteAsync(http, ErrorCodes.RateLimited, $"Too many sign-in attempts; try again in {seconds} s.");
            return;
        }

        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = "/account/login" + QueryString.Create(
            http.Request.Query.Where(q => q.Key != "limited").Append(new("limited", seconds.ToString(CultureInfo.InvariantCulture))));
    }
}
