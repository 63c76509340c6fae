using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Common;
using Dashboard.Domain.SupportChat;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.SupportChat;

/// <summary><c>POST …/messages</c>: staff name the conversation in the path; a customer's path is their own customer id.</summary>
public sealed record SendChatMessage(string? Text);

public static class ChatEndpoints
{
    public static IEndpointRouteBuilder MapChatEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/support/conversations").WithTags("Support").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/", Conversations).Requires(Operation.ReadSupport)
            .WithSummary("Every support conversation, the latest first, with its last message and what staff have not read (a customer: their own, and what they have not read).");
        api.MapGet("/{customerId:guid}/messages", Messages).Requires(Operation.ReadSupport)
            .WithSummary("One conversation's messages, page 1 the newest, oldest first within a page; staff, or that customer.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{customerId:guid}/messages", Send).Requires(Operation.WriteSupport)
            .WithSummary("Write in a conversation {text}: at most 2000 characters of text, 20 messages a minute; the message is sent live as chat:message.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/{customerId:guid}/read", Read).Requires(Operation.WriteSupport)
            .WithSummary("The caller's side has read the conversation: chat:read to both sides (204 when there was nothing new).");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<ChatConversation>>> Conversations(ChatService chat, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await chat.ConversationsAsync(user.ToActor(Channel.Api), ct));

    public static async Task<Ok<ChatPage>> Messages(Guid customerId, ChatService chat, ClaimsPrincipal user, CancellationToken ct,
        int page = 1, int pageSize = 50) =>
        TypedResults.Ok(await chat.MessagesAsync(user.ToActor(Channel.Api), customerId, page, pageSize, ct));

    public static async Task<Created<ChatMessage>> Send(Guid customerId, SendChatMessage body, ChatService chat, ClaimsPrincipal user, CancellationToken ct)
    {
        var message = await chat.SendAsync(user.ToActor(Channel.Api), customerId, body.Text, ct);
        return TypedResults.Created($"/api/v1/support/conversations/{customerId}/messages", message);
    }

    public static async Task<Results<Ok<ChatRead>, NoContent>> Read(Guid customerId, ChatService chat, ClaimsPrincipal user, CancellationToken ct) =>
        await chat.MarkReadAsync(user.ToActor(Channel.Api), customerId, ct) is { } read ? TypedResults.Ok(read) : TypedResults.NoContent();
}
