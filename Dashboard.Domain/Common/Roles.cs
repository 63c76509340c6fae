namespace Dashboard.Domain.Common;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Staff = "Staff";
    public const string Delivery = "Delivery";
    public const string Customer = "Customer";

    public static readonly IReadOnlyList<string> All = [Admin, Staff, Delivery, Customer];

    public static string? Normalize(string? role) =>
        All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}
