using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Dashboard.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Collaboration;

public sealed class EditingOptions
{
    public const string Section = "Realtime:Editing";

    /// <summary>How long "is editing" lasts without a refresh (a killed tab or app clears by then).</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Seed 002's <c>user</c> of an indicator: who, as the token says.</summary>
public sealed record EditingUser(string Id, string Name);

/// <summary>Seed 002's <c>activity:typing</c> {user, entity, action}, and how long it lasts unless refreshed.</summary>
public sealed record ActivityTyping(EditingUser User, string Entity, string Action, int ExpiresInMs);

/// <summary>Seed 002's <c>activity:stop-typing</c> {user}, and the entity it was about.</summary>
public sealed record ActivityStopTyping(EditingUser User, string Entity);

/// <summary>Someone editing something, from one connection (an app's, or a browser tab's circuit), until a time.</summary>
public sealed record Editor(string ConnectionId, EditingUser User, string Entity, string Action, DateTime Until, IReadOnlyList<string> Audience);

/// <summary>
/// Who is editing what, for "Priya is editing…" beside it: an entity is <c>customer:{id}</c>, <c>delivery:{id}</c> (a
/// day-sheet entry) or <c>payment:{customerId}</c> (a payment being drafted for that customer). It reaches exactly
/// those who receive that thing's changes (staff; the route's agents; the customer, except for a payment draft) and is
/// refused to a sender who may not see it. Live only: never logged or recovered. It ends on stop, on the connection
/// going (the registry), or <see cref="EditingOptions.Expiry"/> after the last refresh.
/// </summary>
/// <remarks>With several instances (issue 16) a backplane carries these next to the event log; this state is per instance.</remarks>
public sealed partial class EditingPresence(ConnectionRegistry registry, LiveMessages live, DomainWriter writer, TimeProvider time,
    IOptions<EditingOptions> options, ILogger<EditingPresence> logger) : IHostedService, IDisposable
{
    public const string Typing = "activity:typing";
    public const string StopTyping = "activity:stop-typing";

    private readonly ConcurrentDictionary<(string Connection, string Entity), Editor> _editors = new();
    private IDisposable? _watch;
    private ITimer? _expiry;

    /// <summary>An entity's editors changed (on any thread): the open pages look again.</summary>
    public event Action<string>? Changed;

    public TimeSpan Expiry => options.Value.Expiry;

    public IReadOnlyList<Editor> EditorsOf(string entity) => [.. _editors.Values.Where(e => e.Entity == entity).OrderBy(e => e.User.Name, StringComparer.Ordinal)];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _watch = registry.Watch(OnConnectionsChanged);
        _expiry = time.CreateTimer(_ => _ = ExpireAsync(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watch?.Dispose();
        _expiry?.Dispose();
    }

    /// <summary>The actor is editing <paramref name="entity"/> from <paramref name="connectionId"/> (again: a refresh).</summary>
    public async Task<ActivityTyping> StartAsync(Actor actor, string connectionId, string? entity, string? action, CancellationToken ct = default)
    {
        var (name, audience) = await ResolveAsync(actor, entity, ct);
        var verb = ActionOf(action);
        if (registry.Find(connectionId) is null)
        {
            // The connection has gone (a tab whose socket dropped still runs its timers): nothing to show.
            return new ActivityTyping(new EditingUser(actor.UserId, actor.Name), name, verb, 0);
        }

        var editor = new Editor(connectionId, new EditingUser(actor.UserId, actor.Name), name, verb, time.GetUtcNow().UtcDateTime + Expiry, audience);
        var isNew = !_editors.ContainsKey((connectionId, name));
        _editors[(connectionId, name)] = editor;
        var message = new ActivityTyping(editor.User, name, verb, (int)Expiry.TotalMilliseconds);
        await live.SendAsync(new Outbound(Typing, message, audience));
        if (isNew)
        {
            Changed?.Invoke(name);
        }

        return message;
    }

    /// <summary>The actor stopped editing it from that connection (closed, saved, picked another); nothing if they were not.</summary>
    public async Task StopAsync(Actor actor, string connectionId, string? entity, CancellationToken ct = default)
    {
        var name = Parse(entity).Name;
        if (_editors.TryRemove((connectionId, name), out var editor))
        {
            await EndedAsync(editor);
        }
    }

    private async Task EndedAsync(Editor editor)
    {
        await live.SendAsync(new Outbound(StopTyping, new ActivityStopTyping(editor.User, editor.Entity), editor.Audience));
        Changed?.Invoke(editor.Entity);
    }

    // Called on every connect and disconnect: it looks up the few editors' connections, never lists every connection
    // (that made 10 000 apps connecting cost O(n²): 1.6 ms of CPU a connection at 10 000, docs/benchmarks.md 2026-12-04).
    private void OnConnectionsChanged()
    {
        if (_editors.IsEmpty)
        {
            return;
        }

        foreach (var key in _editors.Keys.Where(k => registry.Find(k.Connection) is null).ToList())
        {
            if (_editors.TryRemove(key, out var editor))
            {
                _ = EndSafelyAsync(editor);
            }
        }
    }

    private async Task ExpireAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (key, editor) in _editors.Where(e => e.Value.Until <= now).ToList())
        {
            if (_editors.TryRemove(new KeyValuePair<(string, string), Editor>(key, editor)))
            {
                await EndSafelyAsync(editor);
            }
        }
    }

    private async Task EndSafelyAsync(Editor editor)
    {
        try
        {
            await EndedAsync(editor);
        }
        catch (Exception ex)
        {
            LogEndFailed(ex, editor.Entity);
        }
    }

    /// <summary>The entity's canonical name and who receives its indicators, or why not.</summary>
    private async Task<(string Name, IReadOnlyList<string> Audience)> ResolveAsync(Actor actor, string? entity, CancellationToken ct)
    {
        var (kind, id, name) = Parse(entity);
        var (customerId, route) = await writer.ReadAsync(async db => kind switch
        {
            "delivery" => await db.DailyEntries.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.CustomerId, e.Customer!.Route })
                .Select(x => ValueTuple.Create((Guid?)x.CustomerId, x.Route)).FirstOrDefaultAsync(ct),
            _ => await db.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => ValueTuple.Create((Guid?)c.Id, c.Route)).FirstOrDefaultAsync(ct),
        }, ct);
        if (customerId is not { } customer)
        {
            throw DomainException.NotFound(kind == "delivery" ? "Delivery entry" : "Customer", id);
        }

        var sees = actor.IsStaff || (actor.Role == Roles.Customer && actor.CustomerId == customer && kind != "payment") || (actor.Role == Roles.Delivery && actor.Serves(route));
        if (!sees)
        {
            throw DomainException.Forbidden("You may not see what this indicator is about.");
        }

        IReadOnlyList<string> audience = kind == "payment"
            ? [.. Rooms.Staff, .. Rooms.RouteOf(route)]
            : [.. Rooms.Staff, .. Rooms.RouteOf(route), Rooms.Customer(customer)];
        return (name, audience);
    }

    private static (string Kind, Guid Id, string Name) Parse(string? entity)
    {
        var match = entity is null ? null : EntityPattern().Match(entity.Trim());
        if (match is not { Success: true } || !Guid.TryParse(match.Groups[2].Value, out var id))
        {
            const string message = "entity must be customer:{id}, delivery:{id} or payment:{customerId}.";
            throw new DomainException(ErrorCodes.ValidationFailed, message, new Dictionary<string, string[]> { ["entity"] = [message] });
        }

        var kind = match.Groups[1].Value.ToLowerInvariant();
        return (kind, id, $"{kind}:{id}");
    }

    private static string ActionOf(string? action)
    {
        var verb = string.IsNullOrWhiteSpace(action) ? "editing" : action.Trim().ToLowerInvariant();
        if (verb.Length > 20 || !verb.All(char.IsAsciiLetterLower))
        {
            const string message = "action must be a word such as editing or creating.";
            throw new DomainException(ErrorCodes.ValidationFailed, message, new Dictionary<string, string[]> { ["action"] = [message] });
        }

        return verb;
    }

    [GeneratedRegex("^(customer|delivery|payment):(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex EntityPattern();

    [LoggerMessage(LogLevel.Warning, "Sending the end of an editing indicator for {Entity} failed")]
    private partial void LogEndFailed(Exception ex, string entity);
}
