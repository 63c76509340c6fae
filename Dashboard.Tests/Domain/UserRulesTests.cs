using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Users;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Domain;

public sealed class UserRulesTests : IAsyncLifetime
{
    private const string Password = "Start-pass-2026!";
    private DomainHarness _domain = default!;

    private UserService Users => _domain.Services.CreateScope().ServiceProvider.GetRequiredService<UserService>();

    public async Task InitializeAsync() => _domain = await DomainHarness.StartAsync(configure: services =>
        services.AddIdentityCore<AppUser>(o => o.User.RequireUniqueEmail = true).AddRoles<IdentityRole>().AddEntityFrameworkStores<DashboardDbContext>());

    public async Task DisposeAsync() => await _domain.DisposeAsync();

    private Task<UserSummary> CreateAsync(string role, Guid? customerId = null) => Users.CreateAsync(DomainHarness.Admin,
        new CreateUser($"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local", Password, role, customerId, null));

    private static Actor As(UserSummary user) => new(user.Id, user.DisplayName, user.Role, Channel.Web);

    private async Task<(string? Stamp, string? Hash, string Role)> StateAsync(string id)
    {
        await using var db = _domain.Db();
        var user = await db.Users.SingleAsync(u => u.Id == id);
        var role = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name).SingleAsync();
        return (user.SecurityStamp, user.PasswordHash, role!);
    }

    [Fact]
    public async Task An_admin_cannot_disable_or_demote_themselves_and_nothing_is_written()
    {
        var me = await CreateAsync(Roles.Admin);
        await CreateAsync(Roles.Admin);
        var before = await StateAsync(me.Id);

        var disable = await _domain.AssertRejectedAsync(ErrorCodes.Forbidden, () => Users.DisableAsync(As(me), me.Id));
        Assert.Contains("your own", disable.Message);
        await _domain.AssertRejectedAsync(ErrorCodes.Forbidden, () => Users.UpdateAsync(As(me), me.Id, new UpdateUser("Staff", null, null)));

        Assert.Equal(before, await StateAsync(me.Id));
        Assert.False((await Users.GetAsync(As(me), me.Id)).Disabled);
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_disabled_or_demoted()
    {
        var only = await CreateAsync(Roles.Admin);
        var last = await _domain.AssertRejectedAsync(ErrorCodes.Conflict, () => Users.DisableAsync(DomainHarness.Admin, only.Id));
        Assert.Contains("last active admin", last.Message);
        await _domain.AssertRejectedAsync(ErrorCodes.Conflict, () => Users.UpdateAsync(DomainHarness.Admin, only.Id, new UpdateUser("Staff", null, null)));

        // A second admin who is disabled does not count; once enabled, the first may go.
        var second = await CreateAsync(Roles.Admin);
        await Users.DisableAsync(DomainHarness.Admin, second.Id);
        await _domain.AssertRejectedAsync(ErrorCodes.Conflict, () => Users.DisableAsync(DomainHarness.Admin, only.Id));
        await Users.EnableAsync(DomainHarness.Admin, second.Id);
        Assert.True((await Users.DisableAsync(DomainHarness.Admin, only.Id)).Disabled);
        Assert.Equal(Roles.Admin, (await StateAsync(second.Id)).Role);
    }

    [Fact]
    public async Task A_Customer_user_needs_a_customer_and_no_other_role_may_have_one()
    {
        var customer = await _domain.CreateCustomerAsync();
        var missing = await _domain.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => CreateAsync(Roles.Customer));
        Assert.Contains("customerId", missing.Errors.Keys);
        var extra = await _domain.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => CreateAsync(Roles.Staff, customer.Id));
        Assert.Contains("customerId", extra.Errors.Keys);
        var role = await _domain.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => CreateAsync("Owner"));
        Assert.Contains("role", role.Errors.Keys);

        var staff = await CreateAsync(Roles.Staff);
        await _domain.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Users.UpdateAsync(DomainHarness.Admin, staff.Id, new UpdateUser("Customer", null, null)));
        await _domain.AssertRejectedAsync(ErrorCodes.NotFound, () => Users.UpdateAsync(DomainHarness.Admin, staff.Id, new UpdateUser("Customer", null, Guid.NewGuid())));
        Assert.Equal(Roles.Staff, (await StateAsync(staff.Id)).Role);

        var linked = await Users.UpdateAsync(DomainHarness.Admin, staff.Id, new UpdateUser("Customer", null, customer.Id));
        Assert.Equal((Roles.Customer, customer.Id, customer.Name), (linked.Role, linked.CustomerId, linked.CustomerName));
        var unlinked = await Users.UpdateAsync(DomainHarness.Admin, staff.Id, new UpdateUser("Delivery", null, null));
        Assert.Null(unlinked.CustomerId);
    }

    [Fact]
    public async Task Each_change_is_one_activity_row_and_one_event_and_renews_the_security_stamp()
    {
        var staff = await CreateAsync(Roles.Staff);
        using var events = new EventRecorder<UserChanged>(_domain.Events);
        var stamps = new List<string?> { (await StateAsync(staff.Id)).Stamp };

        await Users.DisableAsync(DomainHarness.Admin, staff.Id);
        stamps.Add((await StateAsync(staff.Id)).Stamp);
        await Users.EnableAsync(DomainHarness.Admin, staff.Id);
        await Users.UpdateAsync(DomainHarness.Admin, staff.Id, new UpdateUser("Delivery", "Dev Driver", null));
        stamps.Add((await StateAsync(staff.Id)).Stamp);
        await Users.ResetPasswordAsync(DomainHarness.Admin, staff.Id, new ResetPassword("Another-pass-2026!"));
        stamps.Add((await StateAsync(staff.Id)).Stamp);
        // Enabling a user who is not disabled changes nothing: no row, no event.
        await Users.EnableAsync(DomainHarness.Admin, staff.Id);

        var received = await events.WaitForCountAsync(4);
        Assert.Equal([true, false, false, false], received.Select(e => e.User.Disabled));
        Assert.Equal("Dev Driver", received[2].User.DisplayName);
        Assert.Equal(4, stamps.Distinct().Count());

        await using var db = _domain.Db();
        var rows = await db.Activity.Where(a => a.EntityId == staff.Id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["user.created", "user.disabled", "user.enabled", "user.updated", "user.password_reset"], rows.Select(r => r.Action));
        Assert.Contains("\"disabled\":false", rows[1].Before);
        Assert.Contains("\"disabled\":true", rows[1].After);
        Assert.Contains("\"role\":\"Delivery\"", rows[3].After);
        Assert.All(rows, r => Assert.DoesNotContain("pass-2026", (r.Before ?? "") + r.After + r.Summary));
        Assert.All(rows, r => Assert.DoesNotContain(stamps[^1]!, (r.Before ?? "") + r.After));
    }

    [Fact]
    public async Task A_password_the_policy_refuses_writes_nothing_and_the_old_one_still_works()
    {
        var staff = await CreateAsync(Roles.Staff);
        var before = await StateAsync(staff.Id);

        var error = await _domain.AssertRejectedAsync(ErrorCodes.ValidationFailed,
            () => Users.ResetPasswordAsync(DomainHarness.Admin, staff.Id, new ResetPassword("short")));
        Assert.Contains("password", error.Errors.Keys);
        await _domain.AssertRejectedAsync(ErrorCodes.ValidationFailed, () => Users.ResetPasswordAsync(DomainHarness.Admin, staff.Id, new ResetPassword("")));

        Assert.Equal(before, await StateAsync(staff.Id));
        using var scope = _domain.Services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await manager.CheckPasswordAsync((await manager.FindByIdAsync(staff.Id))!, Password));
    }

    [Fact]
    public async Task Only_admins_administer_users()
    {
        var staff = await CreateAsync(Roles.Staff);
        await _domain.AssertRejectedAsync(ErrorCodes.Forbidden, () => Users.DisableAsync(DomainHarness.Staff, staff.Id));
        await _domain.AssertRejectedAsync(ErrorCodes.Forbidden, () => Users.UpdateAsync(DomainHarness.Staff, staff.Id, new UpdateUser("Admin", null, null)));
        await _domain.AssertRejectedAsync(ErrorCodes.Forbidden, () => Users.ListAsync(DomainHarness.Staff));
    }

    [Fact]
    public async Task A_generated_password_is_one_word_to_a_double_click_and_passes_identitys_policy()
    {
        var validator = new PasswordValidator<AppUser>();
        var users = _domain.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 500; i++)
        {
            var password = UserRules.GeneratePassword();
            // A browser's and a terminal's double click select a run of letters, digits and "_"; any other symbol splits it.
            Assert.Matches("^[A-Za-z0-9_]{20}$", password);
            Assert.True((await validator.ValidateAsync(users, new AppUser(), password)).Succeeded, password);
            Assert.True(seen.Add(password));
        }
    }
}
