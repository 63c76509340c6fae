using System.Text.Json;
using Dashboard.Domain.Common;
using Dashboard.Domain.Events;

namespace Dashboard.Realtime;

/// <summary>
/// Every feature's commands and events, collected once at start and checked: a name (or alias) declared twice, or a
/// domain event given two messages, stops the app with both features named. The transports dispatch from here by name
/// and know no feature.
/// </summary>
public sealed class RealtimeCatalog
{
    /// <summary>Names a transport answers itself (the SignalR hub's recovery call): no feature may take them.</summary>
    private static readonly string[] Reserved = [EventRecovery.Method];

    private readonly Dictionary<string, RealtimeCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, RealtimeEvent> _events = [];
    private readonly Dictionary<string, string[]> _wireNames = new(StringComparer.Ordinal);
    private readonly List<(string Prefix, Func<string, string> Room)> _roomAliases = [];
    private readonly HashSet<string> _liveOnly = new(StringComparer.Ordinal);

    private readonly List<(string Prefix, Func<CommandCall, string, Task<bool>> MayJoin)> _roomGuards = [];
    private readonly IServiceProvider _services;

    public RealtimeCatalog(IEnumerable<IRealtimeFeature> features, IServiceProvider services)
    {
        _services = services;
        var builder = new RealtimeCatalogBuilder();
        foreach (var feature in features)
        {
            builder.Feature = feature.GetType().Name;
            feature.Declare(builder);
        }

        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var command in builder.Commands)
        {
            Claim(owners, command.Name, command.Feature, "command");
            _commands[command.Name] = command;
        }

        foreach (var (alias, name, feature) in builder.CommandAliases)
        {
            Claim(owners, alias, feature, "command alias");
            _commands[alias] = _commands.GetValueOrDefault(name)
                ?? throw new InvalidOperationException($"Real-time catalog: {feature} aliases '{alias}' to '{name}', which no feature declares.");
        }

        var events = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in builder.Events)
        {
            if (_events.TryGetValue(e.DomainEvent, out var first))
            {
                throw new InvalidOperationException(
                    $"Real-time catalog: {e.DomainEvent.Name} is mapped by {first.Feature} ('{first.Name}') and by {e.Feature} ('{e.Name}').");
            }

            // One wire name may carry several domain events (e.g. two kinds of change, one message), within one feature.
            if (events.TryGetValue(e.Name, out var owner) && owner != e.Feature)
            {
                throw new InvalidOperationException($"Real-time catalog: the event '{e.Name}' is declared by {owner} and by {e.Feature}.");
            }

            events[e.Name] = e.Feature;
            _events[e.DomainEvent] = e;
            _wireNames.TryAdd(e.Name, [e.Name]);
        }

        foreach (var (alias, name, feature) in builder.EventAliases)
        {
            Claim(events, alias, feature, "event alias");
            _wireNames[name] = _wireNames.TryGetValue(name, out var names)
                ? [.. names, alias]
                : throw new InvalidOperationException($"Real-time catalog: {feature} aliases '{alias}' to the event '{name}', which no feature declares.");
        }

        foreach (var (name, feature) in builder.LiveOnlyEvents)
        {
            Claim(events, name, feature, "live-only event");
            _liveOnly.Add(name);
        }

        foreach (var (prefix, room, feature) in builder.RoomAliases)
        {
            if (_roomAliases.Any(a => prefix.StartsWith(a.Prefix, StringComparison.Ordinal) || a.Prefix.StartsWith(prefix, StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"Real-time catalog: the room alias '{prefix}' of {feature} overlaps another.");
            }

            _roomAliases.Add((prefix, room));
        }

        foreach (var (prefix, mayJoin, feature) in builder.RoomGuards)
        {
            if (_roomGuards.Any(g => prefix.StartsWith(g.Prefix, StringComparison.Ordinal) || g.Prefix.StartsWith(prefix, StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"Real-time catalog: the room guard '{prefix}' of {feature} overlaps another.");
            }

            _roomGuards.Add((prefix, mayJoin));
        }
    }

    /// <summary>
    /// Whether the connection may join <paramref name="room"/>: staff any room, anyone their own rooms
    /// (<see cref="Rooms.MayJoin"/>), and a feature's rooms as its guard says.
    /// </summary>
    public async Task<bool> MayJoinAsync(CommandCall call, string room)
    {
        if (Rooms.MayJoin(call.Actor, room))
        {
            return true;
        }

        foreach (var (prefix, mayJoin) in _roomGuards)
        {
            if (room.StartsWith(prefix, StringComparison.Ordinal) && room.Length > prefix.Length)
            {
                return await mayJoin(call, room[prefix.Length..]);
            }
        }

        return false;
    }

    /// <summary>Every command name a client may send, aliases included.</summary>
    public IReadOnlyCollection<string> CommandNames => _commands.Keys;

    public bool TryGetCommand(string name, out RealtimeCommand command) => _commands.TryGetValue(name, out command!);

    /// <summary>
    /// Runs one client → server message: the operation is checked first (FORBIDDEN, before the payload is even read), then
    /// the payload is read as the command's message and handled.
    /// </summary>
    /// <remarks>
    /// With the connection's registry id, the registry follows it: its last seen moves, and the rooms it joins and leaves
    /// here are the rooms the status endpoint and the real-time page show.
    /// </remarks>
    public async Task<CommandReply> HandleAsync(Actor actor, string name, JsonElement? payload, IRoomMembership rooms, CancellationToken ct,
        string connectionId = "")
    {
        if (connectionId.Length > 0)
        {
            var registry = _services.GetRequiredService<ConnectionRegistry>();
            registry.Touch(connectionId);
            rooms = new RegisteredRooms(rooms, registry, connectionId);
        }

        if (!_commands.TryGetValue(name, out var command))
        {
            throw new DomainException(ErrorCodes.ValidationFailed, $"Unknown event '{name}'.");
        }

        if (command.Operation is { } operation)
        {
            Guard.Require(actor, operation);
        }

        return await command.Run(new CommandCall(actor, rooms, _services, ct, connectionId), payload);
    }

    /// <summary>The one message a domain event becomes, or null for events no client receives (e.g. a day sheet generated).</summary>
    public Outbound? Map(IDomainEvent e) => _events.TryGetValue(e.GetType(), out var declared) ? declared.Map(e) : null;

    /// <summary>Whether <paramref name="name"/> is a declared live-only (never logged) event.</summary>
    public bool IsLiveOnly(string name) => _liveOnly.Contains(name);

    /// <summary>The names a logged event goes out under: its own, then its aliases.</summary>
    public IReadOnlyList<string> WireNames(string name) => _wireNames.TryGetValue(name, out var names) ? names : [name];

    /// <summary>The room a client's requested name means (a room alias resolved), before the room rules decide.</summary>
    public string Room(string requested)
    {
        foreach (var (prefix, room) in _roomAliases)
        {
            if (requested.StartsWith(prefix, StringComparison.Ordinal) && requested.Length > prefix.Length)
            {
                return room(requested[prefix.Length..]);
            }
        }

        return requested;
    }

    private static void Claim(Dictionary<string, string> owners, string name, string feature, string kind)
    {
        if (Reserved.Contains(name, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"Real-time catalog: '{name}' ({kind} of {feature}) is reserved by the transports.");
        }

        if (!owners.TryAdd(name, feature))
        {
            throw new InvalidOperationException($"Real-time catalog: '{name}' ({kind} of {feature}) is already declared by {owners[name]}.");
        }
    }
}
