using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Domain.Activity;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Payments;
using Dashboard.Domain.Stats;

namespace Dashboard.Realtime;

/// <summary>What a client → server message produced: the ack/return value, and optionally a reply event for the caller only.</summary>
public sealed record CommandReply(object? Result, string? ReplyEvent = null, object? ReplyPayload = null);

/// <summary>The <c>registered</c> answer: the identity from the token, whatever the client claimed.</summary>
public sealed record Registered(string UserId, string Role, Guid? CustomerId, string Name);

public sealed record DeliveryUpdateMessage(Guid? Id, decimal? Quantity, decimal? PricePerLiter, string? Status, int? Version);

public sealed record CustomerUpdateMessage(
    Guid? Id, string? Name, string? Phone, string? Address, string? Route, decimal? DefaultQuantity, decimal? PricePerLiter, bool? IsActive, int? Version);

/// <summary>
/// The client → server catalog, for every transport: payloads are validated as typed messages, the caller's
/// identity comes from the connection, and the write goes through the same domain services as REST and the UI.
/// </summary>
public sealed class RealtimeCommands(
    DeliveryService deliveries, PaymentService payments, CustomerService customers, StatsService stats, ActivityService activity, BusinessClock clock)
{
    public const string DeliveryUpdate = "delivery:update";
    public const string PaymentAdd = "payment:add";
    public const string CustomerUpdate = "customer:update";
    public const string StatsRequest = "stats:request";
    public const string ActivityRequest = "activity:request";
    public const string Ping = "ping";
    public const string Register = "register";
    public const string JoinRoom = "join-room";
    public const string LeaveRoom = "leave-room";
    public const string JoinOrder = "join:order";
    public const string LeaveOrder = "leave:order";
    public const string Heartbeat = "heartbeat";

    /// <summary>
    /// Every client → server event and the operation of the rules table it performs (<see cref="Permissions"/>),
    /// checked before its payload is read; none: any signed-in connection (rooms keep to <see cref="Rooms.MayJoin"/>).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Operation?> Operations = new Dictionary<string, Operation?>(StringComparer.Ordinal)
    {
        [DeliveryUpdate] = Operation.RecordDeliveries,
        [PaymentAdd] = Operation.RecordPayments,
        [CustomerUpdate] = Operation.ManageCustomers,
        [StatsRequest] = Operation.ReadStats,
        [ActivityRequest] = Operation.ReadActivity,
        [JoinOrder] = null,
        [Ping] = null,
        [Register] = null,
        [JoinRoom] = null,
        [LeaveRoom] = null,
        [LeaveOrder] = null,
        [Heartbeat] = null,
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public async Task<CommandReply> HandleAsync(Actor actor, string name, JsonElement? payload, IRoomMembership rooms, CancellationToken ct)
    {
        if (Operations.TryGetValue(name, out var operation) && operation is { } op)
        {
            Guard.Require(actor, op);
        }

        switch (name)
        {
            case Register:
                // Seed 001's apps send { userId, role }: ignored, the token already says who this is.
                var identity = new Registered(actor.UserId, actor.Role.ToLowerInvariant(), actor.CustomerId, actor.Name);
                return new CommandReply(identity, EventCatalog.Registered, identity);
            case JoinRoom or JoinOrder:
                var room = name == JoinOrder ? Rooms.Order(ParseName(payload, "orderId")) : ParseName(payload, "room");
                if (!Rooms.MayJoin(actor, room))
                {
                    return new CommandReply(false, EventCatalog.Error, new RealtimeError($"You may not join '{room}'.", ErrorCodes.Forbidden));
                }

                await rooms.JoinAsync(room);
                return new CommandReply(true);
            case LeaveRoom or LeaveOrder:
                var left = name == LeaveOrder ? Rooms.Order(ParseName(payload, "orderId")) : ParseName(payload, "room");
                return new CommandReply(await rooms.LeaveAsync(left));
            case Heartbeat:
                return new CommandReply(new { At = clock.UtcNow });
            case DeliveryUpdate:
                var d = Parse<DeliveryUpdateMessage>(payload);
                var entry = await deliveries.UpdateAsync(actor, RequireId(d.Id), new UpdateDelivery(d.Quantity, d.PricePerLiter, d.Status, d.Version), ct);
                return new CommandReply(entry);
            case PaymentAdd:
                return new CommandReply(await payments.AddAsync(actor, Parse<AddPayment>(payload), ct));
            case CustomerUpdate:
                var c = Parse<CustomerUpdateMessage>(payload);
                var customer = await customers.UpdateAsync(actor, RequireId(c.Id),
                    new UpdateCustomer(c.Name, c.Phone, c.Address, c.Route, c.DefaultQuantity, c.PricePerLiter, c.IsActive, c.Version), ct);
                return new CommandReply(customer);
            case StatsRequest:
                var figures = await stats.GetAsync(actor, null, ct);
                return new CommandReply(figures, EventCatalog.StatsUpdated, figures);
            case ActivityRequest:
                var recent = await activity.RecentAsync(actor, ParseLimit(payload), ct);
                return new CommandReply(recent, EventCatalog.ActivityUpdated, recent);
            case Ping:
                return new CommandReply(EventCatalog.Pong, EventCatalog.Pong, null);
            default:
                throw new DomainException(ErrorCodes.ValidationFailed, $"Unknown event '{name}'.");
        }
    }

    private static T Parse<T>(JsonElement? payload)
    {
        if (payload is not { ValueKind: JsonValueKind.Object } element)
        {
            throw new DomainException(ErrorCodes.ValidationFailed, "The payload must be an object.");
        }

        try
        {
            return element.Deserialize<T>(Json) ?? throw new JsonException("empty payload");
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? path[2..] : "payload";
            throw new DomainException(ErrorCodes.ValidationFailed, $"{field} has the wrong type.",
                new Dictionary<string, string[]> { [field] = [$"{field} has the wrong type."] });
        }
    }

    /// <summary>A room or order id, sent bare (<c>"order-1"</c>, <c>42</c>) or as <c>{ room }</c> / <c>{ orderId }</c>.</summary>
    private static string ParseName(JsonElement? payload, string field)
    {
        var value = payload switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString(),
            { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
            { ValueKind: JsonValueKind.Object } o when o.TryGetProperty(field, out var f) && f.ValueKind is JsonValueKind.String or JsonValueKind.Number =>
                f.ValueKind == JsonValueKind.String ? f.GetString() : f.GetRawText(),
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(value) || value.Length > Rooms.MaxNameLength)
        {
            throw new DomainException(ErrorCodes.ValidationFailed, $"{field} must be a non-empty name of at most {Rooms.MaxNameLength} characters.",
                new Dictionary<string, string[]> { [field] = [$"{field} is required."] });
        }

        return value;
    }

    private static Guid RequireId(Guid? id) => id ?? throw new DomainException(ErrorCodes.ValidationFailed, "id is required.",
        new Dictionary<string, string[]> { ["id"] = ["id is required."] });

    private static int ParseLimit(JsonElement? payload) => payload switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => 50,
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var limit) => limit,
        { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("limit", out var l) && l.TryGetInt32(out var limit) => limit,
        _ => throw new DomainException(ErrorCodes.ValidationFailed, "limit must be a whole number."),
    };
}
