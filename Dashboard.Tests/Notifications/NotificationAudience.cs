using Dashboard.Domain.Common;
using Dashboard.Domain.Users;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Notifications;

/// <summary>Who a rule should reach, read from the database the way a person would count them: the active users of some roles.</summary>
public static class NotificationAudience
{
    public static Task<List<string>> ActiveStaffAsync(DashboardApp app) => ActiveUsersAsync(app, Roles.Admin, Roles.Staff);

    public static Task<List<string>> ActiveCustomerUsersAsync(DashboardApp app) => ActiveUsersAsync(app, Roles.Customer);

    /// <summary>The ids of the users in any of <paramref name="roles"/> who are not disabled, in ordinal order.</summary>
    public static async Task<List<string>> ActiveUsersAsync(DashboardApp app, params string[] roles)
    {
        await using var db = app.Db();
        var users = await (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           join r in db.Roles on ur.RoleId equals r.Id
                           where roles.Contains(r.Name!)
                           select new { u.Id, u.LockoutEnd }).ToListAsync();
        return [.. users.Where(u => !UserRules.IsDisabled(u.LockoutEnd)).Select(u => u.Id).Order(StringComparer.Ordinal)];
    }
}
