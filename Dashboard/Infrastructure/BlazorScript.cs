using Microsoft.Net.Http.Headers;

namespace Dashboard.Infrastructure;

/// <summary>
/// Serves the blazor.web.js that build/BlazorWebJs.targets extracts next to the app
/// (docs/decisions/0001-blazor-web-js.md). In SDK-asset mode the file is absent and MapStaticAssets serves it.
/// </summary>
public static class BlazorScript
{
    public static WebApplication MapBlazorWebScript(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var file = new FileInfo(Path.Combine(AppContext.BaseDirectory, "blazor-web-js", "_framework", "blazor.web.js"));
        if (!file.Exists)
        {
            return app;
        }

        // The URL is not fingerprinted: let browsers cache it but revalidate (304 via ETag / Last-Modified).
        var lastModified = new DateTimeOffset(file.LastWriteTimeUtc);
        var entityTag = new EntityTagHeaderValue($"\"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}\"");
        app.MapGet("/_framework/blazor.web.js", (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "no-cache";
                return Results.File(file.FullName, "text/javascript", lastModified: lastModified, entityTag: entityTag);
            })
            .AllowAnonymous()
            .ExcludeFromDescription(); // a MapStaticAssets endpoint for the same route (order -100) would win
        return app;
    }
}
