using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Api;

public sealed class UserApiTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private async Task<(string Id, string Email, string Password, HttpClient Client)> StaffAsync()
    {
        using var admin = await app.AdminClientAsync();
        var (email, password) = await ApiScenario.CreateUserAsync(admin, "Staff");
        await using var db = app.Db();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return (id, email, password, await app.ClientAsync(email, password));
    }

    private async Task<HttpResponseMessage> TokenResponseAsync(string email, string password)
    {
        using var http = app.Anonymous();
        return await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
    }

    [Fact]
    public async Task Disabling_a_user_refuses_their_existing_token_and_sign_in_until_they_are_enabled()
    {
        using var admin = await app.AdminClientAsync();
        var (id, email, password, staff) = await StaffAsync();
        using (staff)
        {
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/api/v1/stats")).StatusCode);

            var disabled = await ApiAssert.Json(await admin.PostAsync($"/api/v1/users/{id}/disable", null));
            Assert.True(disabled.GetProperty("disabled").GetBoolean());

            var refused = await ApiAssert.Problem(await staff.GetAsync("/api/v1/stats"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
            Assert.Contains("disabled", refused.GetProperty("detail").GetString());
            var signIn = await ApiAssert.Problem(await TokenResponseAsync(email, password), HttpStatusCode.Forbidden, "FORBIDDEN");
            Assert.Contains("disabled", signIn.GetProperty("detail").GetString());
            // Without the right password a disabled account looks like any wrong sign-in.
            await ApiAssert.Problem(await TokenResponseAsync(email, "not-it"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");

            var enabled = await ApiAssert.Json(await admin.PostAsync($"/api/v1/users/{id}/enable", null));
            Assert.False(enabled.GetProperty("disabled").GetBoolean());
            using var again = await app.ClientAsync(email, password);
            Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/stats")).StatusCode);
            // The token from before the disable stays dead: its sign-in was ended, not paused.
            await ApiAssert.Problem(await staff.GetAsync("/api/v1/stats"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        }

        await using var db = app.Db();
        var actions = await db.Activity.Where(a => a.EntityId == id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["user.created", "user.disabled", "user.enabled"], actions);
    }

    [Fact]
    public async Task Resetting_a_password_makes_the_old_one_fail_and_the_new_one_work()
    {
        using var admin = await app.AdminClientAsync();
        var (id, email, password, staff) = await StaffAsync();
        using (staff)
        {
            var reset = await ApiAssert.Json(await admin.PostAsJsonAsync($"/api/v1/users/{id}/password", new { password = "New-pass-2026!" }));
            Assert.Equal(JsonValueKind.Null, reset.GetProperty("generatedPassword").ValueKind);

            await ApiAssert.Problem(await TokenResponseAsync(email, password), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
            Assert.Equal(HttpStatusCode.OK, (await TokenResponseAsync(email, "New-pass-2026!")).StatusCode);
            await ApiAssert.Problem(await staff.GetAsync("/api/v1/stats"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        }

        var generated = await ApiAssert.Json(await admin.PostAsJsonAsync($"/api/v1/users/{id}/password", new { generate = true }));
        var shown = generated.GetProperty("generatedPassword").GetString()!;
        Assert.True(shown.Length >= 16);
        Assert.Equal(HttpStatusCode.OK, (await TokenResponseAsync(email, shown)).StatusCode);
        await ApiAssert.Problem(await TokenResponseAsync(email, "New-pass-2026!"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");

        var tooShort = await ApiAssert.Problem(await admin.PostAsJsonAsync($"/api/v1/users/{id}/password", new { password = "abc" }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(tooShort.GetProperty("errors").TryGetProperty("password", out _));
        Assert.Equal(HttpStatusCode.OK, (await TokenResponseAsync(email, shown)).StatusCode);

        await using var db = app.Db();
        var logged = await db.Activity.Where(a => a.EntityId == id && a.Action == "user.password_reset").Select(a => a.Before + a.After).ToListAsync();
        Assert.Equal(2, logged.Count);
        Assert.All(logged, text => Assert.DoesNotContain("New-pass-2026!", text));
        Assert.All(logged, text => Assert.DoesNotContain(shown, text));
    }

    [Fact]
    public async Task A_role_change_takes_effect_at_once_and_ends_the_old_token()
    {
        using var admin = await app.AdminClientAsync();
        var (id, email, password, staff) = await StaffAsync();
        using (staff)
        {
            await ApiAssert.Problem(await staff.GetAsync("/api/v1/users"), HttpStatusCode.Forbidden, "FORBIDDEN");

            var changed = await ApiAssert.Json(await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { role = "Admin", displayName = "Promoted Priya" }));
            Assert.Equal(("Admin", "Promoted Priya"), (changed.GetProperty("role").GetString(), changed.GetProperty("displayName").GetString()));

            await ApiAssert.Problem(await staff.GetAsync("/api/v1/stats"), HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
            using var promoted = await app.ClientAsync(email, password);
            Assert.Equal(HttpStatusCode.OK, (await promoted.GetAsync("/api/v1/users")).StatusCode);
        }

        // A Customer needs a customer; a non-Customer may not have one.
        var customerId = await ApiScenario.CreateCustomerAsync(admin, "Linked Leela");
        var missing = await ApiAssert.Problem(await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { role = "Customer" }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(missing.GetProperty("errors").TryGetProperty("customerId", out _));
        var linked = await ApiAssert.Json(await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { role = "Customer", customerId }));
        Assert.Equal(("Customer", "Linked Leela"), (linked.GetProperty("role").GetString(), linked.GetProperty("customerName").GetString()));
        var unlinked = await ApiAssert.Json(await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { role = "Delivery" }));
        Assert.Equal(JsonValueKind.Null, unlinked.GetProperty("customerId").ValueKind);
        await ApiAssert.Problem(await admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { role = "Owner" }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await ApiAssert.Problem(await admin.PatchAsJsonAsync("/api/v1/users/nobody", new { role = "Staff" }), HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task An_admin_cannot_disable_or_demote_themselves()
    {
        using var admin = await app.AdminClientAsync();
        await using var db = app.Db();
        var me = await db.Users.Where(u => u.Email == DashboardApp.AdminEmail).Select(u => u.Id).SingleAsync();

        var disable = await ApiAssert.Problem(await admin.PostAsync($"/api/v1/users/{me}/disable", null), HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Contains("your own", disable.GetProperty("detail").GetString());
        await ApiAssert.Problem(await admin.PatchAsJsonAsync($"/api/v1/users/{me}", new { role = "Staff" }), HttpStatusCode.Forbidden, "FORBIDDEN");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task Non_admins_get_403_on_every_user_endpoint()
    {
        var (id, _, _, staff) = await StaffAsync();
        using (staff)
        {
            var calls = new Func<Task<HttpResponseMessage>>[]
            {
                () => staff.GetAsync("/api/v1/users"),
                () => staff.GetAsync($"/api/v1/users/{id}"),
                () => staff.PatchAsJsonAsync($"/api/v1/users/{id}", new { role = "Admin" }),
                () => staff.PostAsync($"/api/v1/users/{id}/disable", null),
                () => staff.PostAsync($"/api/v1/users/{id}/enable", null),
                () => staff.PostAsJsonAsync($"/api/v1/users/{id}/password", new { password = "Whatever-2026!" }),
                () => staff.PostAsJsonAsync("/api/v1/users", new { email = "x@test.local", password = "Whatever-2026!", role = "Admin" }),
            };
            foreach (var call in calls)
            {
                await ApiAssert.Problem(await call(), HttpStatusCode.Forbidden, "FORBIDDEN");
            }
        }

        await using var db = app.Db();
        Assert.Equal("Staff", await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name).SingleAsync());
    }
}
