using Dashboard.Auth;
using Dashboard.Components.Shared;
using Dashboard.Domain.Common;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Collaboration;

/// <summary>
/// A browser tab saying it is editing one thing at a time (the customer editor, a day-sheet row, a payment draft):
/// <see cref="EditAsync"/> starts or switches, a timer refreshes it while it lasts, <see cref="StopAsync"/> and disposal
/// end it. Scoped: one per circuit, whose id is the tab's connection in the registry.
/// </summary>
public sealed class EditingSession(EditingPresence presence, CircuitConnection circuit, AuthenticationStateProvider auth, TimeProvider time)
    : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<object, string> _editing = [];
    private ITimer? _refresh;

    /// <summary><paramref name="owner"/> (a component) is now editing <paramref name="entity"/>, instead of what it edited before.</summary>
    public async Task EditAsync(object owner, string entity, string action = "editing")
    {
        string? previous;
        lock (_gate)
        {
            _editing.TryGetValue(owner, out previous);
            _editing[owner] = entity;
            _refresh ??= time.CreateTimer(_ => _ = RefreshAsync(), null, presence.Expiry / 3, presence.Expiry / 3);
        }

        if (previous is not null && previous != entity)
        {
            await SafelyAsync(actor => presence.StopAsync(actor, circuit.CircuitId!, previous));
        }

        await SafelyAsync(actor => presence.StartAsync(actor, circuit.CircuitId!, entity, action));
    }

    /// <summary><paramref name="owner"/> is editing nothing now.</summary>
    public async Task StopAsync(object owner)
    {
        string? entity;
        lock (_gate)
        {
            if (!_editing.Remove(owner, out entity))
            {
                return;
            }
        }

        await SafelyAsync(actor => presence.StopAsync(actor, circuit.CircuitId!, entity));
    }

    private async Task RefreshAsync()
    {
        string[] entities;
        lock (_gate)
        {
            entities = [.. _editing.Values.Distinct()];
        }

        foreach (var entity in entities)
        {
            await SafelyAsync(actor => presence.StartAsync(actor, circuit.CircuitId!, entity, "editing"));
        }
    }

    // An indicator is a courtesy: one that cannot be shown (the entity is gone, the tab is not live yet) never breaks the editor.
    private async Task SafelyAsync(Func<Actor, Task> act)
    {
        if (circuit.CircuitId is null)
        {
            return;
        }

        try
        {
            await act((await auth.GetAuthenticationStateAsync()).User.ToActor(Channel.Web));
        }
        catch (DomainException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _refresh?.Dispose();
        string[] entities;
        lock (_gate)
        {
            entities = [.. _editing.Values.Distinct()];
            _editing.Clear();
        }

        foreach (var entity in entities)
        {
            await SafelyAsync(actor => presence.StopAsync(actor, circuit.CircuitId!, entity));
        }
    }
}
