using Dashboard.Auth;
using Dashboard.Components.Shared;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.SupportChat;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace Dashboard.SupportChat;

/// <summary>
/// The office's side of support chat: every conversation with what staff have not read, live; the open one's thread,
/// marked read while it is open; "Seen" once the customer's app has read staff's last message.
/// </summary>
public partial class SupportPage : LiveComponentBase
{
    private const int ThreadSize = 100;
    private IReadOnlyList<ChatConversation> _conversations = [];
    private List<ChatMessage> _messages = [];
    private (Guid CustomerId, string CustomerName)? _thread;
    private DateTime? _customerReadUpTo;
    private Guid? _shown;
    private string? _reply;
    private int _replyBox;
    private ElementReference _replyInput;
    private bool _busy;
    private bool _loaded;
    private string? _error;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private Actor? _actor;
    private Action _reloadList = () => { };

    [Parameter]
    public Guid? CustomerId { get; set; }

    [Inject]
    private CustomerService Customers { get; set; } = default!;

    [Inject]
    private ChatTyping TypingFeed { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    // Who else is writing in the open conversation, until when (the other side, and other staff).
    private readonly Dictionary<string, (string Name, DateTime Until)> _typing = new(StringComparer.Ordinal);
    private DateTime _saidTypingAt;
    private ITimer? _typingTimer;

    private string? TypingText
    {
        get
        {
            var now = Time.GetUtcNow().UtcDateTime;
            return Doing.Sentence([.. _typing.Values.Where(t => t.Until > now).Select(t => t.Name)], "typing");
        }
    }

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    /// <summary>When the customer read staff's last message, if they have (what "Seen" says under it).</summary>
    private DateTime? SeenAt => _messages.LastOrDefault() is { } last && last.From.Role is Roles.Admin or Roles.Staff
        && _customerReadUpTo is { } read && read >= last.At ? read : null;

    protected override async Task OnInitializedAsync()
    {
        _actor = (await AuthState).User.ToActor(Channel.Web);
        _reloadList = Coalesce(LoadListAsync, 100);
        Subscribe<ChatMessagePosted>(OnMessageAsync);
        Subscribe<ChatConversationRead>(e =>
        {
            if (e.Read.CustomerId == CustomerId && e.Read.Side == ChatSide.Customer)
            {
                _customerReadUpTo = e.Read.UpTo;
            }

            _reloadList();
        });
        if (IsLive)
        {
            TypingFeed.Typing += OnTyping;
            // Typing notices expire by themselves: look again every second while one is shown.
            _typingTimer = Time.CreateTimer(_ => _ = InvokeAsync(() =>
            {
                if (_typing.Count > 0)
                {
                    var now = Time.GetUtcNow().UtcDateTime;
                    foreach (var gone in _typing.Where(t => t.Value.Until <= now).Select(t => t.Key).ToList())
                    {
                        _typing.Remove(gone);
                    }

                    StateHasChanged();
                }
            }), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }

        await LoadListAsync();
    }

    private void OnTyping(ChatTypingMessage e)
    {
        if (e.CustomerId == CustomerId && e.From.UserId != _actor?.UserId)
        {
            _ = InvokeAsync(() =>
            {
                _typing[e.From.UserId] = (e.From.Name, e.At.AddMilliseconds(e.ExpiresInMs));
                StateHasChanged();
            });
        }
    }

    /// <summary>While staff write a reply, the customer's app hears it (at most every few seconds).</summary>
    private async Task ReplyInputAsync(ChangeEventArgs e)
    {
        _reply = e.Value?.ToString();
        var now = Time.GetUtcNow().UtcDateTime;
        if (CustomerId is { } id && !string.IsNullOrWhiteSpace(_reply) && now - _saidTypingAt > ChatTyping.ShowFor / 2)
        {
            _saidTypingAt = now;
            await TypingFeed.SayAsync(_actor!, id);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            TypingFeed.Typing -= OnTyping;
            _typingTimer?.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_shown != CustomerId)
        {
            _shown = CustomerId;
            (_reply, _error, _errors) = (null, null, new Dictionary<string, string[]>());
            _replyBox++;
            _typing.Clear();
            await LoadThreadAsync();
        }
    }

    protected override async Task ResyncAsync()
    {
        await LoadListAsync();
        await LoadThreadAsync();
    }

    private async Task LoadListAsync()
    {
        _conversations = await Chat.ConversationsAsync(_actor!);
        _loaded = true;
    }

    private async Task LoadThreadAsync()
    {
        if (CustomerId is not { } id)
        {
            (_thread, _messages) = (null, []);
            return;
        }

        try
        {
            var customer = await Customers.GetAsync(_actor!, id);
            var page = await Chat.MessagesAsync(_actor!, id, 1, ThreadSize);
            (_thread, _messages, _customerReadUpTo) = ((id, customer.Name), [.. page.Items], page.CustomerReadUpTo);
            await MarkReadAsync();
        }
        catch (DomainException ex) when (ex.Code == ErrorCodes.NotFound)
        {
            (_thread, _messages, _error) = (null, [], "This customer does not exist (any more).");
        }
    }

    private async Task OnMessageAsync(ChatMessagePosted e)
    {
        if (e.Message.CustomerId == CustomerId && _messages.All(m => m.Id != e.Message.Id))
        {
            _messages.Add(e.Message);
            _typing.Remove(e.Message.From.UserId);
            // Open on this page: staff are reading it.
            if (e.Message.From.Role is not (Roles.Admin or Roles.Staff))
            {
                await MarkReadAsync();
            }
        }

        _reloadList();
    }

    /// <summary>Empties the reply box in place and leaves the caret in it (clicking Send had moved it away).</summary>
    private async Task EmptyReplyBoxAsync()
    {
        try
        {
            await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "/js/support.js");
            await module.InvokeVoidAsync("sent", _replyInput);
        }
        catch (JSDisconnectedException)
        {
            // The page is gone; so is its box.
        }
    }

    private async Task MarkReadAsync()
    {
        if (CustomerId is { } id && IsLive)
        {
            await Chat.MarkReadAsync(_actor!, id);
        }
    }

    private async Task SendAsync()
    {
        if (CustomerId is not { } id || _busy)
        {
            return;
        }

        _busy = true;
        try
        {
            var message = await Chat.SendAsync(_actor!, id, _reply);
            if (_messages.All(m => m.Id != message.Id))
            {
                _messages.Add(message);
            }

            (_reply, _error, _errors, _saidTypingAt) = (null, null, new Dictionary<string, string[]>(), default);
            await EmptyReplyBoxAsync();
        }
        catch (DomainException ex)
        {
            (_errors, _error) = (ex.Errors, ex.Errors.Count == 0 ? ex.Message : null);
        }
        finally
        {
            _busy = false;
        }
    }

    private string When(DateTime? utc)
    {
        if (utc is not { } at)
        {
            return "";
        }

        var local = Clock.ToLocal(at);
        return DateOnly.FromDateTime(local) == Clock.Today ? local.ToString("HH:mm") : local.ToString("d MMM, HH:mm");
    }

    private static string Initials(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => char.ToUpperInvariant(w[0])));
}
