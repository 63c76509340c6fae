using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Dashboard.Infrastructure;

/// <summary>
/// What every response carries, pages and API alike, and which proxies may tell the app the client's scheme and address.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from the app (blazor.web.js, wwwroot/js, ApexCharts from wwwroot/lib, loaded by charts.js), no
    /// inline script or eval; style sheets only from the app; style attributes allowed (Blazor renders them, ApexCharts
    /// writes them), which browsers without <c>style-src-elem</c> extend to style elements; WebSockets to the app itself.
    /// </summary>
    /// <remarks>Images also from the map tiles' origin, when one is configured (<see cref="MapOptions"/>).</remarks>
    public static string ContentSecurityPolicy(string? tileOrigin) =>
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; style-src-elem 'self'; " +
        $"img-src 'self' data:{(tileOrigin is null ? "" : " " + tileOrigin)}; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'self'";

    public const string ReferrerPolicy = "same-origin";

    private const string Section = "ForwardedHeaders";

    /// <summary>
    /// X-Forwarded-For and X-Forwarded-Proto, honoured only from the addresses in <c>ForwardedHeaders:KnownProxies</c>
    /// and the networks in <c>ForwardedHeaders:KnownNetworks</c> (semicolon-separated, like AllowedHosts; both empty:
    /// from nobody). Without the KnownProxies key: loopback only.
    /// </summary>
    public static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in List(section["KnownProxies"] ?? "127.0.0.1;::1"))
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in List(section["KnownNetworks"]))
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        if (options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0)
        {
            options.ForwardedHeaders = ForwardedHeaders.None;
        }
    }

    private static string[] List(string? value) =>
        (value ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Set when the response starts, so they survive the exception handler clearing headers. A redirect to the app
    /// itself loses its scheme and host: the cookie handler and Blazor's NavigationManager build absolute URLs from the
    /// request's Host header, which the client chose.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var policy = ContentSecurityPolicy(app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<MapOptions>>().Value.TileOrigin());
        return app.Use((http, next) =>
        {
            http.Response.OnStarting(state => Secure((HttpResponse)state, policy), http.Response);
            return next(http);
        });
    }

    private static Task Secure(HttpResponse response, string policy)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = policy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = ReferrerPolicy;
        if (headers.Location.ToString() is { Length: > 0 } location && Relative(response.HttpContext.Request, location) is { } relative)
        {
            headers.Location = relative;
        }

        return Task.CompletedTask;
    }

    private static string? Relative(HttpRequest request, string location)
    {
        var origin = $"{request.Scheme}://{request.Host}";
        return location.StartsWith(origin, StringComparison.OrdinalIgnoreCase) && location.Length > origin.Length && location[origin.Length] == '/'
            ? location[origin.Length..]
            : null;
    }
}
