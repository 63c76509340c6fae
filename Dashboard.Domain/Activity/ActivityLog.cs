using Dashboard.Domain.Common;
using Dashboard.Domain.Events;

namespace Dashboard.Domain.Activity;

/// <summary>Who did what to which entity, when, and through which channel.</summary>
public sealed record ActivityLog(
    long Id,
    DateTime At,
    string UserId,
    string UserName,
    string Action,
    string EntityType,
    string EntityId,
    string Summary,
    Channel Channel,
    Guid? CustomerId,
    string? Before,
    string? After);

public sealed class ActivityEntity
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public string UserId { get; set; } = "";

    public string UserName { get; set; } = "";

    public string Action { get; set; } = "";

    public string EntityType { get; set; } = "";

    public string EntityId { get; set; } = "";

    public string Summary { get; set; } = "";

    public Channel Channel { get; set; }

    public Guid? CustomerId { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }

    public ActivityLog ToModel() => new(Id, At, UserId, UserName, Action, EntityType, EntityId, Summary, Channel, CustomerId, Before, After);
}

public sealed record ActivityLogged(ActivityLog Entry) : IDomainEvent
{
    public Guid? CustomerId => Entry.CustomerId;
}
