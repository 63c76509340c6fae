using Dashboard.Components.Shared;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Dashboard.Components;

public static class UiExtensions
{
    /// <summary>The Blazor UI: interactive server components and the per-tab services the shared building blocks use.</summary>
    public static WebApplicationBuilder AddDashboardUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddScoped<ToastService>();
        builder.Services.AddScoped<CircuitConnection>();
        builder.Services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitConnection>());
        return builder;
    }
}
