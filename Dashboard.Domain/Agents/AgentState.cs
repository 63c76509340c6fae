using System.Text.Json.Serialization;
using Dashboard.Domain.Events;

namespace Dashboard.Domain.Agents;

/// <summary>What a delivery agent is doing (seed 001's delivery-boy status).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgentStatus>))]
public enum AgentStatus
{
    [JsonStringEnumMemberName("off_duty")] OffDuty,
    [JsonStringEnumMemberName("available")] Available,
    [JsonStringEnumMemberName("on_delivery")] OnDelivery,
}

public static class AgentStatuses
{
    public static string Name(AgentStatus status) => status switch
    {
        AgentStatus.Available => "available",
        AgentStatus.OnDelivery => "on_delivery",
        _ => "off_duty",
    };

    public static AgentStatus? Parse(string? name) =>
        Enum.GetValues<AgentStatus>().Cast<AgentStatus?>().FirstOrDefault(s => string.Equals(Name(s!.Value), name?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>A position an agent's app reported, and when.</summary>
public sealed record AgentPosition(double Latitude, double Longitude, DateTime At);

/// <summary>An agent's status, their last position (while out with an order) and the order it was for.</summary>
public sealed class AgentStateEntity
{
    public string UserId { get; set; } = "";

    public AgentStatus Status { get; set; }

    public DateTime StatusAt { get; set; }

    public Guid? CurrentOrderId { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public DateTime? PositionAt { get; set; }
}

/// <summary>
/// A thinned track of one order's trip: a point is kept when it is far enough (<see cref="AgentService.TrackMinMeters"/>)
/// or long enough (<see cref="AgentService.TrackMinInterval"/>) from the last one kept — not every position an app sends.
/// </summary>
public sealed class OrderTrackPointEntity
{
    public long Id { get; set; }

    public Guid OrderId { get; set; }

    public string AgentId { get; set; } = "";

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    public DateTime At { get; set; }
}

/// <summary>An agent's status changed (set by themselves or by staff).</summary>
public sealed record AgentStatusChanged(string AgentId, string AgentName, AgentStatus Status, Guid? CurrentOrderId) : IDomainEvent
{
    public Guid? CustomerId => null;
}

/// <summary>An agent out with an order reported where they are.</summary>
public sealed record AgentPositionChanged(string AgentId, Guid OrderId, Guid CustomerId, AgentPosition Position) : IDomainEvent
{
    Guid? IDomainEvent.CustomerId => CustomerId;
}
