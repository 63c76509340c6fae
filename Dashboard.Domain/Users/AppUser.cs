using Microsoft.AspNetCore.Identity;

namespace Dashboard.Domain.Users;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Set for users in the Customer role: the one customer record they may see.</summary>
    public Guid? CustomerId { get; set; }

    public DateTime CreatedAt { get; set; }
}
