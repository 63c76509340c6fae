using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using Dashboard.Domain.Users;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Api;

/// <summary>
/// The probe of issue 11 (items 4–6), request for request: what a browser's cookie may do, where a token may travel,
/// and what every response says about itself.
/// </summary>
public sealed class WebHardeningTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task The_cookie_alone_cannot_disable_or_enable_a_user_through_the_api_and_nothing_changes()
    {
        using var admin = await app.AdminClientAsync();
        var (email, _) = await ApiScenario.CreateUserAsync(admin, "Staff");
        var (disabledEmail, _) = await ApiScenario.CreateUserAsync(admin, "Staff");
        var id = await UserIdAsync(email);
        var disabledId = await UserIdAsync(disabledEmail);
        (await admin.PostAsync($"/api/v1/users/{disabledId}/disable", null)).EnsureSuccessStatusCode();
        using var browser = await CookieSession.SignInAsync(app, DashboardApp.AdminEmail, app.AdminPassword);

        foreach (var (url, form) in new[] { ($"/api/v1/users/{id}/disable", true), ($"/api/v1/users/{disabledId}/enable", true), ($"/api/v1/users/{id}/disable", false) })
        {
            using var content = form ? new FormUrlEncodedContent([]) : null;
            var problem = await ApiAssert.Problem(await browser.Http.PostAsync(url, content), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
            Assert.Contains("bearer token", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await using var db = app.Db();
        Assert.False(UserRules.IsDisabled((await db.Users.SingleAsync(u => u.Id == id)).LockoutEnd));
        Assert.True(UserRules.IsDisabled((await db.Users.SingleAsync(u => u.Id == disabledId)).LockoutEnd));
    }

    [Fact]
    public async Task The_cookie_still_reads_the_api_and_downloads_the_csv_files()
    {
        using var admin = await app.AdminClientAsync();
        var customer = await ApiScenario.CreateCustomerAsync(admin, "Cookie Reader");
        using var browser = await CookieSession.SignInAsync(app, DashboardApp.AdminEmail, app.AdminPassword);

        await ApiAssert.Json(await browser.Http.GetAsync("/api/v1/users"));
        await ApiAssert.CsvLines(await browser.Http.GetAsync($"/api/v1/customers/{customer}/ledger.csv"));
        await ApiAssert.CsvLines(await browser.Http.GetAsync("/api/v1/analytics/daily.csv?days=30"));
    }

    [Fact]
    public async Task Signing_out_without_the_forms_antiforgery_token_is_refused_and_the_user_stays_signed_in()
    {
        using var browser = await CookieSession.SignInAsync(app, DashboardApp.AdminEmail, app.AdminPassword);

        using (var empty = new FormUrlEncodedContent([]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.Http.PostAsync("/account/logout", empty)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await browser.Http.PostAsync("/account/logout", null)).StatusCode);
        await ApiAssert.Json(await browser.Http.GetAsync("/api/v1/users"));

        // The layout's own form carries the token: that sign-out works, and the cookie opens nothing afterwards.
        var form = await CookieSession.FormAsync(browser.Http, "/", "form[action='/account/logout']");
        using var signOut = new FormUrlEncodedContent(form);
        var response = await browser.Http.PostAsync("/account/logout", signOut);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location?.OriginalString);
        await ApiAssert.Problem(await browser.Http.GetAsync("/api/v1/users"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task A_token_in_the_query_string_is_ignored_except_on_the_real_time_handshakes()
    {
        var token = await app.TokenAsync(DashboardApp.AdminEmail, app.AdminPassword);
        using var http = app.Anonymous();

        await ApiAssert.Problem(await http.GetAsync($"/api/v1/users?access_token={token}"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await ApiAssert.Problem(await http.PostAsync($"/api/v1/users/x/disable?access_token={token}", null), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync($"/hubs/live/negotiate?negotiateVersion=1&access_token={token}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null)).StatusCode);
    }

    [Theory]
    [InlineData("/account/login", false)]
    [InlineData("/", true)]
    [InlineData("/api/v1/users", true)]
    [InlineData("/api/v1/users", false)]
    [InlineData("/openapi/v1.json", false)]
    [InlineData("/css/app.css", false)]
    [InlineData("/_framework/blazor.web.js", false)]
    public async Task Pages_files_and_api_responses_carry_one_content_security_policy_nosniff_and_a_referrer_policy(string url, bool signedIn)
    {
        using var browser = signedIn ? await CookieSession.SignInAsync(app, DashboardApp.AdminEmail, app.AdminPassword) : null;
        using var anonymous = app.Anonymous();
        var response = await (browser?.Http ?? anonymous).GetAsync(url);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized, $"{url}: {(int)response.StatusCode}");
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"))
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'self'", policy["style-src-elem"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.Equal("'self'", policy["base-uri"]);
        Assert.Equal("'self'", policy["frame-ancestors"]);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(["same-origin"], response.Headers.GetValues("Referrer-Policy"));
    }

    [Fact]
    public async Task The_api_description_is_public_on_purpose_and_holds_no_data()
    {
        using var admin = await app.AdminClientAsync();
        await ApiScenario.CreateCustomerAsync(admin, "Not In The Description");
        using var anonymous = app.Anonymous();

        var response = await anonymous.GetAsync("/openapi/v1.json");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/api/v1/users/{id}/disable", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Not In The Description", body, StringComparison.Ordinal);
        Assert.DoesNotContain(DashboardApp.AdminEmail, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behind_the_loopback_proxy_an_https_request_gets_a_secure_auth_cookie_and_plain_http_does_not()
    {
        var viaProxy = await CookieSession.SignInResponseAsync(app, DashboardApp.AdminEmail, app.AdminPassword, forwardedProto: "https");
        var direct = await CookieSession.SignInResponseAsync(app, DashboardApp.AdminEmail, app.AdminPassword, forwardedProto: null);

        Assert.Contains("secure", CookieSession.AuthCookie(viaProxy).Split("; "), StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", CookieSession.AuthCookie(direct).Split("; "), StringComparer.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/customers")]
    [InlineData("/account/password")]
    public async Task A_forged_host_header_does_not_reach_the_sign_in_redirect(string url)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = "evil.example";
        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/login", location, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_host_header_does_not_reach_the_redirect_after_signing_in()
    {
        var response = await CookieSession.SignInResponseAsync(app, DashboardApp.AdminEmail, app.AdminPassword, host: "evil.example");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var db = app.Db();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}

/// <summary>An instance as a self-hoster sets it up without a proxy: its own host name only, forwarded headers from nobody.</summary>
public sealed class NoProxyApp : DashboardApp
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["AllowedHosts"] = "127.0.0.1",
        ["ForwardedHeaders:KnownProxies"] = "",
    };
}

public sealed class SelfHostingSettingsTests(NoProxyApp app) : IClassFixture<NoProxyApp>
{
    [Fact]
    public async Task With_allowed_hosts_set_another_host_header_is_refused()
    {
        using var http = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Host = "evil.example";

        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/account/login")).StatusCode);
    }

    [Fact]
    public async Task With_no_trusted_proxy_a_forwarded_https_does_not_make_the_cookie_secure()
    {
        var response = await CookieSession.SignInResponseAsync(app, DashboardApp.AdminEmail, app.AdminPassword, forwardedProto: "https");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("secure", CookieSession.AuthCookie(response).Split("; "), StringComparer.OrdinalIgnoreCase);
    }
}

/// <summary>A browser's cookie jar, signed in through the real sign-in form (antiforgery token and all).</summary>
public sealed class CookieSession : IDisposable
{
    private CookieSession(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    public static async Task<CookieSession> SignInAsync(DashboardApp app, string email, string password)
    {
        var http = NewClient(app);
        var response = await PostLoginAsync(http, email, password, forwardedProto: null, host: null);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return new CookieSession(http);
    }

    /// <summary>The sign-in form's answer as sent, optionally as a proxy would forward it or with another Host header.</summary>
    public static async Task<HttpResponseMessage> SignInResponseAsync(DashboardApp app, string email, string password, string? forwardedProto = null, string? host = null)
    {
        using var http = NewClient(app);
        return await PostLoginAsync(http, email, password, forwardedProto, host);
    }

    public static string AuthCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("dashboard.auth=", StringComparison.Ordinal));

    /// <summary>The named fields of the first form matching <paramref name="selector"/> on a page, as the browser would post them.</summary>
    public static async Task<List<KeyValuePair<string, string>>> FormAsync(HttpClient http, string url, string selector)
    {
        var html = await http.GetStringAsync(url);
        var form = new HtmlParser().ParseDocument(html).QuerySelector(selector) ?? throw new InvalidOperationException($"no {selector} on {url}");
        return form.QuerySelectorAll("input[name]").Select(i => KeyValuePair.Create(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
    }

    public void Dispose() => Http.Dispose();

    private static HttpClient NewClient(DashboardApp app) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient http, string email, string password, string? forwardedProto, string? host)
    {
        var fields = (await FormAsync(http, "/account/login", "form")).Where(f => !f.Key.StartsWith("Input.", StringComparison.Ordinal)).ToList();
        fields.Add(KeyValuePair.Create("Input.Email", email));
        fields.Add(KeyValuePair.Create("Input.Password", password));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = new FormUrlEncodedContent(fields) };
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return await http.SendAsync(request);
    }
}
