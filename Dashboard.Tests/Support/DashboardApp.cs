using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Dashboard.Auth;
using Dashboard.Domain.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Support;

/// <summary>
/// The real app on real Kestrel (127.0.0.1, a free port) with its own SQLite file on disk and a first admin whose
/// password is generated per run. One per test class; tests reach its services to assert on the database.
/// </summary>
public class DashboardApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@test.local";

    public string AdminPassword { get; } = "Aa1!" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    public string DataDirectory { get; } = RepoPaths.NewTempDirectory("dashboard-test");

    public Uri BaseAddress { get; private set; } = default!;

    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepoPaths.Root);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Dashboard", $"Data Source={Path.Combine(DataDirectory, "dashboard.db")}");
        builder.UseSetting("Dashboard:DataDirectory", DataDirectory);
        builder.UseSetting("Dashboard:Admin:Email", AdminEmail);
        builder.UseSetting("Dashboard:Admin:Password", AdminPassword);
        builder.UseSetting("Dashboard:SeedDemoData", "false");
        // Map tiles come from the internet in a user's browser; never in tests.
        builder.UseSetting("Dashboard:Map:TileUrl", "");
        // Every test client signs in from 127.0.0.1, many times a minute; the sign-in tests set their own limits.
        builder.UseSetting("Auth:SignIn:PermitPerMinute", "100000");
        builder.UseSetting("Auth:SignIn:GlobalPermitPerMinute", "100000");
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }
    }

    public Task InitializeAsync()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A plain HTTP client against the real server, no credentials.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    public async Task<string> TokenAsync(string email, string password)
    {
        using var http = Anonymous();
        var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
    }

    public async Task<HttpClient> ClientAsync(string email, string password)
    {
        var http = Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(email, password));
        return http;
    }

    public Task<HttpClient> AdminClientAsync() => ClientAsync(AdminEmail, AdminPassword);

    /// <summary>Today in the business's time zone, as the app itself counts it.</summary>
    public DateOnly Today => Services.GetRequiredService<Dashboard.Domain.Common.BusinessClock>().Today;

    /// <summary>A fresh context on the app's own database file, to assert what was (not) written.</summary>
    public DashboardDbContext Db() => Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext();
}
