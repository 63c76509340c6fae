using System.Globalization;
using Dashboard.Auth;
using Dashboard.Domain;
using Dashboard.Domain.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Infrastructure;

public static class HostingExtensions
{
    /// <summary>Configuration, the domain on its SQLite file, JSON and error conventions of the API.</summary>
    public static WebApplicationBuilder AddDashboardCore(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DashboardOptions.Section);
        builder.Services.Configure<DashboardOptions>(section);
        builder.Services.Configure<MapOptions>(builder.Configuration.GetSection(MapOptions.Section));
        builder.Services.Configure<Domain.Notifications.NotificationOptions>(builder.Configuration.GetSection(Domain.Notifications.NotificationOptions.Section));
        var options = section.Get<DashboardOptions>() ?? new DashboardOptions();

        var dataDirectory = Path.GetFullPath(options.DataDirectory, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataDirectory);
        var connectionString = ResolveSqlite(builder.Configuration.GetConnectionString("Dashboard"), dataDirectory, builder.Environment.ContentRootPath);
        var culture = CultureInfo.GetCultureInfo(options.Culture);
        var words = new Domain.Common.Wording(culture, options.Currency);
        builder.Services.AddDashboardDomain(connectionString, TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone), options.WritableDaysBack,
            options.PhoneCountryCode, new Domain.Common.QuantityRules(options.MaxLitersPerDay, options.QuantityStep), words);

        CultureInfo.DefaultThreadCurrentCulture = culture;
        CultureInfo.DefaultThreadCurrentUICulture = culture;
        builder.Services.AddSingleton<Formats>();

        // Cookies and antiforgery tokens must survive a restart, so their keys live with the data.
        builder.Services.AddDataProtection().SetApplicationName("Dashboard")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));

        builder.Services.Configure<ForwardedHeadersOptions>(o => SecurityHeaders.ConfigureForwardedHeaders(o, builder.Configuration));
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DomainExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks();
        builder.Services.AddScoped<AdminBootstrap>();
        return builder;
    }

    /// <summary>
    /// First in the pipeline (after host filtering, which the host adds from <c>AllowedHosts</c>): the scheme and client
    /// address as a trusted proxy saw them, then the security headers every response carries.
    /// </summary>
    public static WebApplication UseDashboardHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        return app;
    }

    /// <summary>Schema upgrade, roles, signing key, first admin and (when asked) the demo business, before serving.</summary>
    public static async Task InitializeDashboardAsync(this WebApplication app, CancellationToken ct = default)
    {
        var services = app.Services;
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
        await services.GetRequiredService<TokenService>().LoadKeyAsync(services.GetRequiredService<IDbContextFactory<DashboardDbContext>>(), ct);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AdminBootstrap>().EnsureAdminAsync(ct);
        }

        if (services.GetRequiredService<IOptions<DashboardOptions>>().Value.SeedDemoData)
        {
            await services.GetRequiredService<DemoDataSeeder>().SeedIfEmptyAsync(ct);
        }
    }

    /// <summary>A relative SQLite path is relative to the data directory, so the database never lands in the bin folder.</summary>
    private static string ResolveSqlite(string? configured, string dataDirectory, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=dashboard.db" : configured);
        if (csb.DataSource != ":memory:" && !Path.IsPathRooted(csb.DataSource))
        {
            csb.DataSource = csb.DataSource.StartsWith("data/", StringComparison.Ordinal) || csb.DataSource.StartsWith("./", StringComparison.Ordinal)
                ? Path.GetFullPath(csb.DataSource, contentRoot)
                : Path.Combine(dataDirectory, csb.DataSource);
        }

        csb.Pooling = true;
        csb.DefaultTimeout = 30;
        return csb.ToString();
    }
}
