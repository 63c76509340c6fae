using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Common;
using Dashboard.Domain.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Users;

/// <param name="Generate">Let the server choose a strong password; it is in the response, once.</param>
public sealed record PasswordRequest(string? Password, bool Generate = false);

public sealed record PasswordReset(UserSummary User, string? GeneratedPassword);

/// <summary>User administration (Admin only: the domain refuses anyone else with 403 FORBIDDEN).</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization();
        api.MapPost("/", Create).Requires(Operation.ManageUsers).WithSummary("Create a user with one role; Customer users are linked to a customer (Admin).");
        api.MapGet("/", List).Requires(Operation.ManageUsers).WithSummary("All users with their role, customer link and status (Admin).");
        api.MapGet("/{id}", Get).Requires(Operation.ManageUsers).WithSummary("One user (Admin).");
        api.MapPatch("/{id}", Update).Requires(Operation.ManageUsers).WithSummary("Change role, display name or customer link; a new role or link signs the user out everywhere (Admin).");
        api.MapPost("/{id}/disable", Disable).Requires(Operation.ManageUsers).WithSummary("Disable a user: sign-in refused, sessions, tokens and connections ended (Admin).");
        api.MapPost("/{id}/enable", Enable).Requires(Operation.ManageUsers).WithSummary("Enable a disabled user again (Admin).");
        api.MapPost("/{id}/password", ResetPassword).Requires(Operation.ManageUsers).WithSummary("Set a new password, or generate one (shown once); the old one and every session stop working (Admin).");
        return app;
    }

    public static async Task<Created<UserSummary>> Create(CreateUser body, UserService users, ClaimsPrincipal user, CancellationToken ct)
    {
        var created = await users.CreateAsync(user.ToActor(Channel.Api), body, ct);
        return TypedResults.Created($"/api/v1/users/{created.Id}", created);
    }

    public static async Task<Ok<IReadOnlyList<UserSummary>>> List(UserService users, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await users.ListAsync(user.ToActor(Channel.Api), ct));

    public static async Task<Ok<UserSummary>> Get(string id, UserService users, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await users.GetAsync(user.ToActor(Channel.Api), id, ct));

    public static async Task<Ok<UserSummary>> Update(string id, UpdateUser body, UserService users, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await users.UpdateAsync(user.ToActor(Channel.Api), id, body, ct));

    public static async Task<Ok<UserSummary>> Disable(string id, UserService users, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await users.DisableAsync(user.ToActor(Channel.Api), id, ct));

    public static async Task<Ok<UserSummary>> Enable(string id, UserService users, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await users.EnableAsync(user.ToActor(Channel.Api), id, ct));

    public static async Task<Ok<PasswordReset>> ResetPassword(string id, PasswordRequest body, UserService users, ClaimsPrincipal user, CancellationToken ct)
    {
        var password = body.Generate ? UserRules.GeneratePassword() : body.Password;
        var changed = await users.ResetPasswordAsync(user.ToActor(Channel.Api), id, new ResetPassword(password), ct);
        return TypedResults.Ok(new PasswordReset(changed, body.Generate ? password : null));
    }
}
