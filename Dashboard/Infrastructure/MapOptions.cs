namespace Dashboard.Infrastructure;

/// <summary>Where the maps' tiles come from (<c>Dashboard:Map</c>): the user's browser loads them, never the server.</summary>
public sealed class MapOptions
{
    public const string Section = "Dashboard:Map";

    /// <summary>A Leaflet tile URL template; empty: maps without tiles (the markers and track only).</summary>
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    public string Attribution { get; set; } = "© OpenStreetMap contributors";

    /// <summary>The origin the Content-Security-Policy lets images come from for the tiles ({s} subdomains as a wildcard).</summary>
    public string? TileOrigin()
    {
        if (string.IsNullOrWhiteSpace(TileUrl))
        {
            return null;
        }

        var sample = TileUrl.Replace("{s}.", "sub.", StringComparison.Ordinal);
        if (!Uri.TryCreate(sample.Replace("{z}", "0").Replace("{x}", "0").Replace("{y}", "0").Replace("{r}", ""), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http"))
        {
            throw new InvalidOperationException($"{Section}:TileUrl must be an http(s) URL template, e.g. https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png");
        }

        var host = TileUrl.Contains("{s}.", StringComparison.Ordinal) ? "*." + uri.Host[4..] : uri.Host;
        return $"{uri.Scheme}://{host}{(uri.IsDefaultPort ? "" : ":" + uri.Port)}";
    }
}
