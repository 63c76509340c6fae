using Dashboard.Domain.Common;
using Dashboard.Domain.Users;
using Dashboard.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Auth;

/// <summary>
/// Makes sure a fresh installation can be signed in to: the first admin comes from configuration, or gets a
/// generated password that is logged exactly once (there is no default password).
/// </summary>
public sealed class AdminBootstrap(UserManager<AppUser> users, IOptions<DashboardOptions> options, BusinessClock clock, ILogger<AdminBootstrap> logger)
{
    public const string DefaultEmail = "admin@dashboard.local";

    public async Task EnsureAdminAsync(CancellationToken ct)
    {
        if (await users.Users.AnyAsync(ct))
        {
            return;
        }

        var configured = options.Value.Admin;
        var email = string.IsNullOrWhiteSpace(configured.Email) ? DefaultEmail : configured.Email.Trim();
        var generated = string.IsNullOrEmpty(configured.Password);
        var password = generated ? UserRules.GeneratePassword() : configured.Password!;
        var admin = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "Administrator",
            CreatedAt = clock.UtcNow,
        };
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                "Could not create the first admin from Dashboard:Admin: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, Roles.Admin);
        if (generated)
        {
            logger.LogWarning(
                "First start: created the admin account {Email} with the one-time password {Password} . It is shown only now; "
                + "sign in and change it (click your name, top right), or set Dashboard:Admin:Email and Dashboard:Admin:Password before the first start.",
                email, password);
        }
        else
        {
            logger.LogInformation("First start: created the admin account {Email} from configuration.", email);
        }
    }
}
