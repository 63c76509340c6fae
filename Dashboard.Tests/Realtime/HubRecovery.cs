using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Realtime;

/// <summary>One event as a recovering app applies it: from an <c>events:since</c> page or from the live stream.</summary>
public sealed record Received(string Name, JsonElement Payload, long Position);

/// <summary>The app side of recovery, as the README tells an app to do it: page <c>events:since</c>, then apply live events after it.</summary>
public static class HubRecovery
{
    /// <summary>The log position a live event carries as its second argument.</summary>
    public static long Position(this JsonElement[] args) => args[1].GetInt64();

    public static long ConnectedPosition(this JsonElement[] connected) => connected[0].GetProperty("position").GetInt64();

    /// <summary>Every page of <c>events:since</c> after <paramref name="after"/>, and the position the last page ends at.</summary>
    public static async Task<(List<Received> Events, long Position, int Pages)> SinceAsync(SignalRClient client, long after, int? max = null)
    {
        var events = new List<Received>();
        var position = after;
        for (var pages = 1; ; pages++)
        {
            var page = await client.InvokeAsync("events:since", max is null ? new { position } : new { position, max });
            Assert.True(page.ErrorCode() is null, page.GetRawText());
            events.AddRange(page.GetProperty("events").EnumerateArray()
                .Select(e => new Received(e.GetProperty("name").GetString()!, e.GetProperty("payload").Clone(), e.GetProperty("position").GetInt64())));
            position = page.GetProperty("position").GetInt64();
            if (!page.GetProperty("more").GetBoolean())
            {
                return (events, position, pages);
            }
        }
    }

    /// <summary>
    /// Recovered events, then the live events the client buffered meanwhile, each applied once: an event at or before the
    /// last applied position is a duplicate.
    /// </summary>
    public static List<Received> Apply(IEnumerable<Received> recovered, long recoveredUpTo, SignalRClient live)
    {
        var applied = new List<Received>();
        var last = long.MinValue;
        foreach (var e in recovered)
        {
            Assert.True(e.Position > last, $"events:since returned position {e.Position} after {last}");
            applied.Add(e);
            last = e.Position;
        }

        last = Math.Max(last, recoveredUpTo);
        foreach (var (name, args) in live.Events.Where(e => e.Args.Length == 2 && e.Args[1].ValueKind == JsonValueKind.Number))
        {
            if (args.Position() > last)
            {
                applied.Add(new Received(name, args[0], args.Position()));
                last = args.Position();
            }
        }

        return applied;
    }

    public static List<Guid> PaymentIds(this IEnumerable<Received> events) =>
        [.. events.Where(e => e.Name == "payment:added").Select(e => e.Payload.GetProperty("id").GetGuid())];

    public static async Task<List<Guid>> RecordPaymentsAsync(HttpClient admin, Guid customerId, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var payment = await ApiAssert.Json(
                await admin.PostAsJsonAsync("/api/v1/payments", new { customerId, amount = 10 + i, method = "CASH" }), HttpStatusCode.Created);
            ids.Add(payment.GetProperty("id").GetGuid());
        }

        return ids;
    }
}
