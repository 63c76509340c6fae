using System.Buffers.Text;
using System.Text;

namespace Dashboard.Realtime.SocketIO.Engine;

/// <summary>Engine.IO v4 packet types (the first character of a text packet).</summary>
public enum EnginePacketType
{
    Open = 0,
    Close = 1,
    Ping = 2,
    Pong = 3,
    Message = 4,
    Upgrade = 5,
    Noop = 6,
}

/// <summary>A packet received from a client: its type and, for messages, either text or binary data.</summary>
public readonly record struct EnginePacket(EnginePacketType Type, string? Text = null, byte[]? Binary = null);

/// <summary>
/// One packet on its way out, already encoded: <see cref="Text"/> is the whole text packet ("42[...]", "2", "6"),
/// or <see cref="Binary"/> is a binary message. Encoded once, shared by every session a broadcast reaches.
/// </summary>
public sealed record EngineFrame(string? Text, byte[]? Binary)
{
    public static readonly EngineFrame Ping = new("2", null);
    public static readonly EngineFrame Noop = new("6", null);
    public static readonly EngineFrame Close = new("1", null);
    public static readonly EngineFrame Probe = new("3probe", null);

    public static EngineFrame Message(string text) => new("4" + text, null);

    public static EngineFrame Message(byte[] data) => new(null, data);

    private int _pollingLength = -1;
    private byte[]? _utf8;

    /// <summary>
    /// The text packet as a WebSocket sends it, encoded on first use and then shared: a broadcast's recipients all send
    /// the same bytes. (Two senders racing may both encode; either result is the same.)
    /// </summary>
    public byte[] Utf8 => _utf8 ??= Encoding.UTF8.GetBytes(Text!);

    /// <summary>
    /// UTF-8 bytes this frame takes in a long-polling payload (maxPayload counts bytes: a text of multi-byte characters
    /// is longer than its string). Counted once per frame, which a broadcast shares; only polling needs it.
    /// </summary>
    public int PollingLength
    {
        get
        {
            if (_pollingLength < 0)
            {
                _pollingLength = Text is { } text ? Encoding.UTF8.GetByteCount(text) : 1 + Base64.GetMaxEncodedToUtf8Length(Binary!.Length);
            }

            return _pollingLength;
        }
    }
}

/// <summary>Engine.IO v4 encoding: text packets, and the long-polling payload (packets separated by 0x1E, binary as "b" + base64).</summary>
public static class EngineCodec
{
    public const char Separator = '\u001e';

    /// <summary>Parses one text packet (a WebSocket text frame or one packet of a polling payload).</summary>
    public static bool TryParse(string text, bool allowBase64Binary, out EnginePacket packet)
    {
        packet = default;
        if (text.Length == 0)
        {
            return false;
        }

        if (text[0] == 'b')
        {
            if (!allowBase64Binary)
            {
                return false;
            }

            try
            {
                packet = new EnginePacket(EnginePacketType.Message, Binary: Convert.FromBase64String(text[1..]));
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        var type = text[0] - '0';
        if (type is < (int)EnginePacketType.Close or > (int)EnginePacketType.Noop)
        {
            return false; // "0" (open) is the server's alone
        }

        packet = new EnginePacket((EnginePacketType)type, Text: text[1..]);
        return true;
    }

    /// <summary>Splits a long-polling POST body into packets; false if any one is malformed.</summary>
    public static bool TryParsePayload(string body, List<EnginePacket> packets)
    {
        foreach (var part in body.Split(Separator))
        {
            if (!TryParse(part, allowBase64Binary: true, out var packet))
            {
                return false;
            }

            packets.Add(packet);
        }

        return packets.Count > 0;
    }

    /// <summary>Joins frames into one long-polling response body.</summary>
    public static string EncodePayload(IReadOnlyList<EngineFrame> frames)
    {
        if (frames.Count == 1 && frames[0].Text is { } single)
        {
            return single;
        }

        var body = new StringBuilder();
        foreach (var frame in frames)
        {
            if (body.Length > 0)
            {
                body.Append(Separator);
            }

            if (frame.Text is { } text)
            {
                body.Append(text);
            }
            else
            {
                body.Append('b').Append(Convert.ToBase64String(frame.Binary!));
            }
        }

        return body.ToString();
    }
}
