using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dashboard.Realtime.SocketIO.Protocol;

/// <summary>Socket.IO v5 packet types.</summary>
public enum SocketPacketType
{
    Connect = 0,
    Disconnect = 1,
    Event = 2,
    Ack = 3,
    ConnectError = 4,
    BinaryEvent = 5,
    BinaryAck = 6,
}

/// <summary>A decoded client packet. <see cref="Attachments"/>: how many binary messages follow (binary types only).</summary>
public sealed record SocketPacket(SocketPacketType Type, string Namespace, long? AckId, JsonElement? Data, int Attachments);

/// <summary>
/// The Socket.IO v5 text encoding: <c>&lt;type&gt;[&lt;attachments&gt;-][&lt;namespace&gt;,][&lt;ack id&gt;][&lt;JSON&gt;]</c>.
/// Anything else is a malformed packet, which closes that client's connection.
/// </summary>
public static class SocketCodec
{
    public const string MainNamespace = "/";

    /// <summary>More binary attachments than any real client sends in one packet.</summary>
    public const int MaxAttachments = 16;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public static bool TryParse(string text, out SocketPacket? packet)
    {
        if (!TryParseHeader(text, out packet, out var dataStart))
        {
            return false;
        }

        if (dataStart < text.Length)
        {
            try
            {
                using var document = JsonDocument.Parse(text.AsMemory(dataStart), DocumentOptions);
                packet = packet! with { Data = document.RootElement.Clone() };
            }
            catch (JsonException)
            {
                packet = null;
                return false;
            }
        }

        return IsValid(packet!);
    }

    /// <summary>
    /// The type, attachment count, namespace and ack id, without reading the JSON that starts at <paramref name="dataStart"/>:
    /// enough to answer a packet refused unread (<see cref="SocketPacket.Data"/> is null).
    /// </summary>
    public static bool TryParseHeader(string text, out SocketPacket? header, out int dataStart)
    {
        header = null;
        dataStart = 0;
        if (text.Length == 0 || text[0] is < '0' or > '6')
        {
            return false;
        }

        var type = (SocketPacketType)(text[0] - '0');
        var i = 1;
        var attachments = 0;
        if (type is SocketPacketType.BinaryEvent or SocketPacketType.BinaryAck)
        {
            var dash = text.IndexOf('-', i);
            if (dash <= i || dash - i > 2 || !int.TryParse(text.AsSpan(i, dash - i), NumberStyles.None, CultureInfo.InvariantCulture, out attachments)
                || attachments is < 1 or > MaxAttachments)
            {
                return false;
            }

            i = dash + 1;
        }

        var ns = MainNamespace;
        if (i < text.Length && text[i] == '/')
        {
            var comma = text.IndexOf(',', i);
            ns = comma < 0 ? text[i..] : text[i..comma];
            i = comma < 0 ? text.Length : comma + 1;
        }

        long? ackId = null;
        var digits = i;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]) && digits - i < 15)
        {
            digits++;
        }

        if (digits > i)
        {
            ackId = long.Parse(text.AsSpan(i, digits - i), CultureInfo.InvariantCulture);
            i = digits;
        }

        header = new SocketPacket(type, ns, ackId, null, attachments);
        dataStart = i;
        return true;
    }

    private static bool IsValid(SocketPacket p) => p.Type switch
    {
        SocketPacketType.Connect => p.AckId is null && p.Data is null or { ValueKind: JsonValueKind.Object },
        SocketPacketType.Disconnect => p.AckId is null && p.Data is null,
        SocketPacketType.Event or SocketPacketType.BinaryEvent =>
            p.Data is { ValueKind: JsonValueKind.Array } a && a.GetArrayLength() > 0 && a[0].ValueKind == JsonValueKind.String
            && PlaceholdersAnnounced(a, p.Attachments),
        SocketPacketType.Ack or SocketPacketType.BinaryAck => p.AckId is not null && p.Data is { ValueKind: JsonValueKind.Array } a
            && PlaceholdersAnnounced(a, p.Attachments),
        _ => false, // CONNECT_ERROR is the server's alone
    };

    /// <summary>
    /// In a binary packet, every <c>{"_placeholder":true,"num":N}</c> must point at one of its attachments: N an integer
    /// from 0 to the announced count − 1, as socket.io-parser's reconstruction requires ("illegal attachments"). In a
    /// plain packet such an object is only data (the parser leaves it alone there too).
    /// </summary>
    private static bool PlaceholdersAnnounced(JsonElement data, int attachments) => attachments == 0 || data.ValueKind switch
    {
        JsonValueKind.Object when data.TryGetProperty("_placeholder", out var flag) && flag.ValueKind == JsonValueKind.True =>
            data.TryGetProperty("num", out var num) && num.ValueKind == JsonValueKind.Number && num.TryGetInt32(out var n) && n >= 0 && n < attachments,
        JsonValueKind.Object => data.EnumerateObject().All(property => PlaceholdersAnnounced(property.Value, attachments)),
        JsonValueKind.Array => data.EnumerateArray().All(item => PlaceholdersAnnounced(item, attachments)),
        _ => true,
    };

    /// <summary>Encodes a packet whose JSON body (if any) is already serialized.</summary>
    public static string Encode(SocketPacketType type, string ns, long? ackId, string? json, int attachments = 0)
    {
        var text = new StringBuilder(json?.Length + 16 ?? 16);
        text.Append((char)('0' + (int)type));
        if (attachments > 0)
        {
            text.Append(attachments.ToString(CultureInfo.InvariantCulture)).Append('-');
        }

        if (ns != MainNamespace)
        {
            text.Append(ns).Append(',');
        }

        if (ackId is { } id)
        {
            text.Append(id.ToString(CultureInfo.InvariantCulture));
        }

        return text.Append(json).ToString();
    }

    /// <summary>
    /// <c>["name", payload, "offset"]</c> from a payload that is already JSON: the log position goes last, as a string, which
    /// is where socket.io's connection state recovery puts an event's offset.
    /// </summary>
    public static string LoggedEventArray(string eventName, string payloadJson, long offset) =>
        $"[{JsonSerializer.Serialize(eventName)},{payloadJson},\"{offset.ToString(CultureInfo.InvariantCulture)}\"]";

    /// <summary>The same logged event under each of its names, all at one offset.</summary>
    public static string[] LoggedEventArrays(IReadOnlyList<string> eventNames, string payloadJson, long offset) =>
        [.. eventNames.Select(name => LoggedEventArray(name, payloadJson, offset))];

    /// <summary>A JSON array of already-serializable values: <c>["event", arg…]</c> for events, <c>[arg…]</c> for acks.</summary>
    public static string JsonArray(string? eventName, IReadOnlyList<object?> args, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            if (eventName is not null)
            {
                writer.WriteStringValue(eventName);
            }

            foreach (var arg in args)
            {
                JsonSerializer.Serialize(writer, arg, arg?.GetType() ?? typeof(object), options);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
