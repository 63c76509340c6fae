namespace Dashboard.Realtime;

/// <summary>A transport's rooms for one connection, with the registry kept in step: what it joins and leaves, the registry shows.</summary>
internal sealed class RegisteredRooms(IRoomMembership inner, ConnectionRegistry registry, string connectionId) : IRoomMembership
{
    public async Task JoinAsync(string room)
    {
        await inner.JoinAsync(room);
        registry.Joined(connectionId, room);
    }

    public async Task<bool> LeaveAsync(string room)
    {
        var left = await inner.LeaveAsync(room);
        if (left)
        {
            registry.Left(connectionId, room);
        }

        return left;
    }
}
