using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Domain.Common;

namespace Dashboard.Realtime;

/// <summary>
/// How commands read their payloads, the same for every transport: as a typed message (an object of known fields, strict
/// numbers), or as one of the seeds' looser shapes. Every failure is VALIDATION_FAILED, naming the field.
/// </summary>
public static class CommandPayload
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>The payload as a <typeparamref name="T"/>: it must be an object, and each field of the right type.</summary>
    public static T Object<T>(JsonElement? payload)
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

    /// <summary>A room or order id, sent bare (<c>"order-1"</c>, <c>42</c>) or as <c>{ field }</c>.</summary>
    public static string Name(JsonElement? payload, string field)
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

    public static Guid RequireId(Guid? id) => id ?? throw new DomainException(ErrorCodes.ValidationFailed, "id is required.",
        new Dictionary<string, string[]> { ["id"] = ["id is required."] });
}
