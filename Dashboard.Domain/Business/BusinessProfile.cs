using Dashboard.Domain.Events;

namespace Dashboard.Domain.Business;

/// <summary>
/// The business itself, as its bills, apps and pages name it, and whether it is open now. <paramref name="TimeZone"/> is
/// the configured one (<c>Dashboard:TimeZone</c>), shown, not edited here.
/// </summary>
public sealed record BusinessProfile(
    string Name,
    string? Phone,
    string? Address,
    string? OpeningHours,
    string TimeZone,
    bool IsOpen,
    string? StatusMessage,
    DateTime? StatusChangedAt,
    string? StatusChangedBy,
    int Version);

/// <summary>The one row of the business's profile and open/closed status.</summary>
public sealed class BusinessProfileEntity
{
    /// <summary>Always <see cref="SingletonId"/>: there is one business per installation.</summary>
    public int Id { get; set; }

    public const int SingletonId = 1;

    public string Name { get; set; } = "";

    public string? Phone { get; set; }

    public string? Address { get; set; }

    public string? OpeningHours { get; set; }

    public bool IsOpen { get; set; } = true;

    public string? StatusMessage { get; set; }

    public DateTime? StatusChangedAt { get; set; }

    public string? StatusChangedBy { get; set; }

    public int Version { get; set; }

    public BusinessProfile ToModel(string timeZone) =>
        new(Name, Phone, Address, OpeningHours, timeZone, IsOpen, StatusMessage, StatusChangedAt, StatusChangedBy, Version);
}

/// <summary><c>PUT /api/v1/business</c>: the profile; absent fields stay; with a version, only that version.</summary>
public sealed record UpdateBusinessProfile(string? Name, string? Phone, string? Address, string? OpeningHours, int? Version);

/// <summary><c>PUT /api/v1/business/status</c> {isOpen, message}: open or close, with a word for customers.</summary>
public sealed record SetBusinessStatus(bool? IsOpen, string? Message);

/// <summary>The business opened or closed (or changed its message).</summary>
public sealed record BusinessStatusChanged(BusinessProfile Profile) : IDomainEvent
{
    public Guid? CustomerId => null;
}

/// <summary>The business's name, phone, address or hours changed.</summary>
public sealed record BusinessProfileChanged(BusinessProfile Profile) : IDomainEvent
{
    public Guid? CustomerId => null;
}
