namespace Dashboard.Realtime;

/// <summary>A transport's rooms for one connection, so that room commands are decided once for every transport.</summary>
public interface IRoomMembership
{
    Task JoinAsync(string room);

    /// <summary>False when the connection was not in the room.</summary>
    Task<bool> LeaveAsync(string room);
}
