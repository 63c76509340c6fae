using Dashboard.Auth;
using Dashboard.Domain.Common;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Dashboard.Realtime;

/// <summary>Counts each signed-in browser tab (Blazor circuit) in "who is online", next to the apps' connections.</summary>
public sealed class BrowserPresence(ConnectionRegistry registry, AuthenticationStateProvider auth) : CircuitHandler
{
    public const string Transport = "browser";

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = (await auth.GetAuthenticationStateAsync()).User;
        if (user.Identity?.IsAuthenticated == true && Roles.All.Any(user.IsInRole))
        {
            registry.Add(circuit.Id, Transport, user.ToActor(Channel.Web), []);
        }
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        registry.Remove(circuit.Id);
        return Task.CompletedTask;
    }
}
