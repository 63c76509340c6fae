using Dashboard.Tests.Support;

namespace Dashboard.Tests.Api;

/// <summary>The map tiles' origin, and only it, joins the Content-Security-Policy's images; without a tile URL, nothing does.</summary>
public sealed class MapTileTests(TileApp app) : IClassFixture<TileApp>
{
    [Fact]
    public async Task The_configured_tile_host_may_serve_images_and_no_other_host_may()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var response = await http.GetAsync("/account/login");
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("img-src 'self' data: https://*.tiles.example.org;", policy);
        Assert.Contains("connect-src 'self';", policy);
    }
}

public sealed class NoTileMapTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task Without_a_tile_url_images_come_from_the_app_alone()
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var response = await http.GetAsync("/account/login");
        Assert.Contains("img-src 'self' data:;", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
    }
}

/// <summary>The app with map tiles from a host with subdomains.</summary>
public sealed class TileApp : DashboardApp
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Dashboard:Map:TileUrl"] = "https://{s}.tiles.example.org/{z}/{x}/{y}.png",
    };
}
