using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Dashboard.Auth;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>
/// The findings of issue 11 (item 3) against the real app: the lockout counts per account and client address, before the
/// password is checked; unknown emails cost what known ones cost. Kestrel listens on 127.0.0.1 and Linux routes all of
/// 127.0.0.0/8 to loopback, so a client bound to 127.0.0.2 is a second real source address.
/// </summary>
public sealed class SignInLockoutTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    [Fact]
    public async Task Forty_concurrent_wrong_guesses_get_five_password_checks_and_the_rest_429()
    {
        using var admin = await app.AdminClientAsync();
        var (email, _) = await ApiScenario.CreateUserAsync(admin, "Staff");
        using var guesser = SignInClients.From(app, "127.0.0.2");
        var checksBefore = PasswordChecks();

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => SignInClients.TryAsync(guesser, email, "wrong-" + i)));

        Assert.Equal(5, PasswordChecks() - checksBefore);
        Assert.Equal(5, answers.Count(a => a == HttpStatusCode.Unauthorized));
        Assert.Equal(35, answers.Count(a => a == HttpStatusCode.TooManyRequests));
        await using var db = app.Db();
        Assert.Equal(5, (await db.SignInAttempts.SingleAsync(a => a.Address == "127.0.0.2")).Failures);
    }

    [Fact]
    public async Task An_address_that_locked_the_admin_out_does_not_lock_the_admin_out_elsewhere()
    {
        using var attacker = SignInClients.From(app, "127.0.0.3");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await SignInClients.TryAsync(attacker, DashboardApp.AdminEmail, "guess-" + i));
        }

        // Locked from there, even with the right password...
        var locked = await attacker.PostAsJsonAsync("/api/v1/auth/token", new { email = DashboardApp.AdminEmail, password = app.AdminPassword });
        await ApiAssert.Problem(locked, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.InRange(locked.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(250), TimeSpan.FromSeconds(300));

        // ...while the admin, from an address that has not failed, signs in.
        using var office = SignInClients.From(app, "127.0.0.4");
        var token = await ApiAssert.Json(await office.PostAsJsonAsync("/api/v1/auth/token", new { email = DashboardApp.AdminEmail, password = app.AdminPassword }));
        Assert.Equal("Admin", token.GetProperty("user").GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_password_reset_by_an_admin_ends_the_lockout_at_once()
    {
        using var admin = await app.AdminClientAsync();
        var (email, _) = await ApiScenario.CreateUserAsync(admin, "Staff");
        using var phone = SignInClients.From(app, "127.0.0.7");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await SignInClients.TryAsync(phone, email, "forgot-" + i));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInClients.TryAsync(phone, email, "forgot-again"));
        string id;
        await using (var db = app.Db())
        {
            id = (await db.Users.SingleAsync(u => u.Email == email)).Id;
        }

        const string fresh = "Fresh1!password";
        await ApiAssert.Json(await admin.PostAsJsonAsync($"/api/v1/users/{id}/password", new { password = fresh }));

        Assert.Equal(HttpStatusCode.OK, await SignInClients.TryAsync(phone, email, fresh));
    }

    [Fact]
    public async Task An_unknown_email_is_checked_against_a_hash_and_locked_like_a_known_one()
    {
        using var admin = await app.AdminClientAsync();
        var (known, _) = await ApiScenario.CreateUserAsync(admin, "Delivery");
        var unknown = $"nobody-{Guid.NewGuid():N}@test.local";
        using var http = SignInClients.From(app, "127.0.0.5");

        foreach (var email in new[] { known, unknown })
        {
            var checksBefore = PasswordChecks();
            var details = new List<string?>();
            for (var i = 0; i < 5; i++)
            {
                var wrong = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "wrong-" + i });
                details.Add((await ApiAssert.Problem(wrong, HttpStatusCode.Unauthorized, "UNAUTHENTICATED")).GetProperty("detail").GetString());
            }

            var sixth = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "wrong-6" });
            await ApiAssert.Problem(sixth, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
            Assert.Equal(5, PasswordChecks() - checksBefore);
            Assert.Equal([SignInService.WrongCredentialsMessage], details.Distinct());
        }
    }

    [Fact]
    public async Task The_right_password_clears_the_failures_of_its_address()
    {
        using var admin = await app.AdminClientAsync();
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Staff");
        using var http = SignInClients.From(app, "127.0.0.6");
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, await SignInClients.TryAsync(http, email, "wrong-" + i));
            }

            Assert.Equal(HttpStatusCode.OK, await SignInClients.TryAsync(http, email, password));
        }

        await using var db = app.Db();
        Assert.False(await db.SignInAttempts.AnyAsync(a => a.Address == "127.0.0.6"));
    }

    private long PasswordChecks() => app.Services.GetRequiredService<PasswordCheck>().Count;
}

/// <summary>The app with a tight per-address limit and a short lockout.</summary>
public sealed class TightSignInApp : DashboardApp
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Auth:SignIn:PermitPerMinute"] = "8",
        ["Auth:SignIn:GlobalPermitPerMinute"] = "1000",
        ["Auth:SignIn:LockoutDuration"] = "00:00:02",
    };
}

public sealed class SignInRateLimitTests(TightSignInApp app) : IClassFixture<TightSignInApp>
{
    [Fact]
    public async Task Rapid_sign_ins_from_one_address_get_429_after_the_limit_and_other_addresses_carry_on()
    {
        using var flooder = SignInClients.From(app, "127.0.0.2");
        var checksBefore = app.Services.GetRequiredService<PasswordCheck>().Count;
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 30; i++)
        {
            answers.Add(await flooder.PostAsJsonAsync("/api/v1/auth/token", new { email = $"spray-{i}@test.local", password = "guess" }));
        }

        Assert.All(answers.Take(8), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        foreach (var refused in answers.Skip(8))
        {
            await ApiAssert.Problem(refused, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }

        // Turned away before the endpoint: no password hash was spent on them.
        Assert.Equal(8, app.Services.GetRequiredService<PasswordCheck>().Count - checksBefore);

        using var neighbour = SignInClients.From(app, "127.0.0.3");
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInClients.TryAsync(neighbour, "spray-x@test.local", "guess"));
    }

    [Fact]
    public async Task A_lock_ends_after_the_lockout_duration()
    {
        using var admin = await app.AdminClientAsync();
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Staff");
        using var http = SignInClients.From(app, "127.0.0.4");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await SignInClients.TryAsync(http, email, "wrong-" + i));
        }

        var locked = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        await ApiAssert.Problem(locked, HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        await Task.Delay(locked.Headers.RetryAfter!.Delta!.Value);
        Assert.Equal(HttpStatusCode.OK, await SignInClients.TryAsync(http, email, password));
    }
}

/// <summary>The app whose whole-instance cap is reached before one address's limit.</summary>
public sealed class GlobalSignInCapApp : DashboardApp
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Auth:SignIn:PermitPerMinute"] = "5",
        ["Auth:SignIn:GlobalPermitPerMinute"] = "8",
    };
}

public sealed class SignInGlobalCapTests(GlobalSignInCapApp app) : IClassFixture<GlobalSignInCapApp>
{
    [Fact]
    public async Task The_instance_cap_counts_only_what_each_address_was_allowed()
    {
        // 20 from one address: 5 pass its own limit; the 15 it was refused do not spend the instance's permits.
        using var flooder = SignInClients.From(app, "127.0.0.2");
        var first = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SignInClients.TryAsync(flooder, $"a-{i}@test.local", "guess")));
        Assert.Equal(5, first.Count(a => a == HttpStatusCode.Unauthorized));

        using var second = SignInClients.From(app, "127.0.0.3");
        var next = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            next.Add(await SignInClients.TryAsync(second, $"b-{i}@test.local", "guess"));
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], next);
    }
}

public static class SignInClients
{
    /// <summary>A client whose connections come from <paramref name="source"/> (a loopback address other than 127.0.0.1).</summary>
    public static HttpClient From(DashboardApp app, string source)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = app.BaseAddress };
    }

    public static async Task<HttpStatusCode> TryAsync(HttpClient http, string email, string password) =>
        (await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password })).StatusCode;
}
