using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Dashboard.Realtime;

/// <summary>
/// Counts each signed-in browser tab (Blazor circuit) in "who is online", next to the apps' connections, with the page
/// it is on. One per circuit (scoped), so it sees that circuit's navigation and sign-in.
/// </summary>
public sealed class BrowserPresence(ConnectionRegistry registry, AuthenticationStateProvider auth, NavigationManager navigation, UserAccess access)
    : CircuitHandler
{
    public const string Transport = "browser";

    private string? _circuitId;
    private Actor? _actor;
    private ClaimsPrincipal? _user;
    private string? _page;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = (await auth.GetAuthenticationStateAsync()).User;
        if (user.Identity?.IsAuthenticated == true && Roles.All.Any(user.IsInRole))
        {
            (_circuitId, _actor, _user, _page) = (circuit.Id, user.ToActor(Channel.Web), user, PathOf(navigation.Uri));
            Register();
            navigation.LocationChanged += OnLocationChanged;
        }
    }

    // A tab whose connection dropped is not online, though its circuit waits a few minutes for it to come back (a
    // closed tab may never say goodbye): it leaves the list when the connection goes, and comes back with it.
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        registry.Remove(circuit.Id);
        return Task.CompletedTask;
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_circuitId is null || registry.Find(_circuitId) is not null)
        {
            return;
        }

        // Cut off while the user was disabled (or their role changed), the tab missed its sign-out: do it now.
        if (await access.RefusalAsync(_user!, cancellationToken) is not null)
        {
            SignOut();
            return;
        }

        Register();
    }

    private void Register() => registry.Add(_circuitId!, Transport, _actor!, [], new ConnectionControl(_user!, _ => SignOut()), _page);

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        if (_circuitId is { } id)
        {
            _page = PathOf(e.Location);
            registry.SetPage(id, _page);
        }
    }

    /// <summary>
    /// The tab's sign-in ends now: the router re-renders for an anonymous user and sends the tab to the sign-in page
    /// (a full load, which ends this circuit; the cookie is refused there too).
    /// </summary>
    private void SignOut()
    {
        if (auth is IHostEnvironmentAuthenticationStateProvider host)
        {
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
    }

    /// <summary>The path only: a query string may hold what someone typed into a search box.</summary>
    private string PathOf(string uri)
    {
        var relative = navigation.ToBaseRelativePath(uri);
        var end = relative.IndexOfAny(['?', '#']);
        return "/" + (end < 0 ? relative : relative[..end]);
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        navigation.LocationChanged -= OnLocationChanged;
        registry.Remove(circuit.Id);
        return Task.CompletedTask;
    }
}
