using System.Text.Json;
using Dashboard.Domain.Common;
using Dashboard.Domain.Events;

namespace Dashboard.Realtime;

/// <summary>A client → server command: its name, the operation of the rules table it performs (null: any signed-in
/// connection), its payload type (null: it takes none), and how it runs once the operation is allowed.</summary>
public sealed record RealtimeCommand(
    string Name, Operation? Operation, Type? PayloadType, Func<CommandCall, JsonElement?, Task<CommandReply>> Run, string Feature)
{
    public bool TakesPayload => PayloadType is not null;
}

/// <summary>A server → client event: the domain event type it comes from, its wire name, and its message.</summary>
public sealed record RealtimeEvent(Type DomainEvent, string Name, Func<IDomainEvent, Outbound> Map, string Feature);

/// <summary>What one feature declares to the catalog (<see cref="IRealtimeFeature.Declare"/>).</summary>
public sealed class RealtimeCatalogBuilder
{
    internal string Feature { get; set; } = "";

    internal List<RealtimeCommand> Commands { get; } = [];

    internal List<(string Alias, string Command, string Feature)> CommandAliases { get; } = [];

    internal List<RealtimeEvent> Events { get; } = [];

    internal List<(string Alias, string Event, string Feature)> EventAliases { get; } = [];

    internal List<(string Event, string Feature)> LiveOnlyEvents { get; } = [];

    internal List<(string Prefix, Func<string, string> Room, string Feature)> RoomAliases { get; } = [];

    internal List<(string Prefix, Func<CommandCall, string, Task<bool>> MayJoin, string Feature)> RoomGuards { get; } = [];

    /// <summary>A command whose payload is a typed message: an object, read after the operation is allowed (else VALIDATION_FAILED).</summary>
    public CommandDeclaration Command<TPayload>(string name, Operation? operation, Func<CommandCall, TPayload, Task<CommandReply>> handle) =>
        Command(name, operation, CommandPayload.Object<TPayload>, handle);

    /// <summary>A command whose payload has a shape of its own (a bare id or number, say): <paramref name="read"/> throws VALIDATION_FAILED.</summary>
    public CommandDeclaration Command<TPayload>(
        string name, Operation? operation, Func<JsonElement?, TPayload> read, Func<CommandCall, TPayload, Task<CommandReply>> handle) =>
        Add(new RealtimeCommand(name, operation, typeof(TPayload), (call, payload) => handle(call, read(payload)), Feature));

    /// <summary>A command that takes no payload (a SignalR client invokes it with no arguments).</summary>
    public CommandDeclaration Command(string name, Operation? operation, Func<CommandCall, Task<CommandReply>> handle) =>
        Add(new RealtimeCommand(name, operation, null, (call, _) => handle(call), Feature));

    /// <summary>What a domain event becomes on the wire; each domain event type has at most one message.</summary>
    public EventDeclaration Event<TEvent>(string name, Func<TEvent, object> payload, Func<TEvent, IEnumerable<string>> rooms)
        where TEvent : IDomainEvent
    {
        Events.Add(new RealtimeEvent(typeof(TEvent), name, e => new Outbound(name, payload((TEvent)e), [.. rooms((TEvent)e)]), Feature));
        return new EventDeclaration(this, name);
    }

    /// <summary>
    /// A server → client message that is not a domain event and is never logged (<see cref="LiveMessages"/>): only the
    /// connections there now receive it, and a reconnecting client does not recover it (the next one replaces it anyway).
    /// </summary>
    public void LiveOnly(string name) => LiveOnlyEvents.Add((name, Feature));

    /// <summary>
    /// A room name another app family asks for (seed 004's <c>order-42</c>) that means one of ours (<c>order:42</c>):
    /// room commands resolve it before checking who may join, so it is the same room under the same rules.
    /// </summary>
    public void RoomAlias(string prefix, Func<string, string> room) => RoomAliases.Add((prefix, room, Feature));

    /// <summary>
    /// Who may join the rooms named <paramref name="prefix"/> + a key (<c>order:</c> + an order id) beyond staff and the
    /// connection's own rooms: the feature decides from its data (the order's customer and agent).
    /// </summary>
    public void RoomGuard(string prefix, Func<CommandCall, string, Task<bool>> mayJoin) => RoomGuards.Add((prefix, mayJoin, Feature));

    private CommandDeclaration Add(RealtimeCommand command)
    {
        Commands.Add(command);
        return new CommandDeclaration(this, command.Name);
    }
}

public sealed class CommandDeclaration(RealtimeCatalogBuilder catalog, string name)
{
    /// <summary>The same command under another name (another app family's spelling): same rule, payload and handler.</summary>
    public CommandDeclaration Alias(string alias)
    {
        catalog.CommandAliases.Add((alias, name, catalog.Feature));
        return this;
    }
}

public sealed class EventDeclaration(RealtimeCatalogBuilder catalog, string name)
{
    /// <summary>The same message sent under another name too, to the same rooms (seed 004's <c>order-status-updated</c>).</summary>
    public EventDeclaration Alias(string alias)
    {
        catalog.EventAliases.Add((alias, name, catalog.Feature));
        return this;
    }
}
