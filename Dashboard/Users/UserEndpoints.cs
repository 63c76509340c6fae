using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Common;
using Dashboard.Domain.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Users;

public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization();
        api.MapPost("/", Create).WithSummary("Create a user with one role; Customer users are linked to a customer (Admin).");
        api.MapGet("/", List).WithSummary("All users with their role (Admin).");
        return app;
    }

    public static async Task<Created<UserSummary>> Create(CreateUser body, UserService users, ClaimsPrincipal user, CancellationToken ct)
    {
        var created = await users.CreateAsync(user.ToActor(Channel.Api), body, ct);
        return TypedResults.Created($"/api/v1/users/{created.Id}", created);
    }

    public static async Task<Ok<IReadOnlyList<UserSummary>>> List(UserService users, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await users.ListAsync(user.ToActor(Channel.Api), ct));
}
