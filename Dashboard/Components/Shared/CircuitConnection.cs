using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Dashboard.Components.Shared;

/// <summary>
/// One per circuit (scoped): tells live components when the browser's connection came back after dropping, so
/// that they reload from the database (see <see cref="LiveComponentBase"/>). While a connection is down, the server
/// keeps the circuit but the page may have missed or buffered updates; the database is the only thing to trust.
/// </summary>
public sealed class CircuitConnection : CircuitHandler
{
    private readonly Lock _gate = new();
    private readonly List<Action> _listeners = [];
    private bool _wasDown;

    /// <summary>This tab's circuit: its id in the connection registry ("who is online"), once it has opened.</summary>
    public string? CircuitId { get; private set; }

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        CircuitId = circuit.Id;
        return Task.CompletedTask;
    }

    public IDisposable OnReconnected(Action listener)
    {
        lock (_gate)
        {
            _listeners.Add(listener);
        }

        return new Listener(this, listener);
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _wasDown = true;
        }

        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Action[] listeners;
        lock (_gate)
        {
            // The first "up" is the circuit starting, not a reconnection.
            if (!_wasDown)
            {
                return Task.CompletedTask;
            }

            _wasDown = false;
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener();
        }

        return Task.CompletedTask;
    }

    private sealed class Listener(CircuitConnection owner, Action listener) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._listeners.Remove(listener);
            }
        }
    }
}
