using System.Net;
using System.Net.Http.Json;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Realtime.SocketIO;

/// <summary>Payments recorded while an app is away, and what the app must have received of them once it is back.</summary>
public static class RecoveryScenario
{
    public static async Task<Guid> PayAsync(HttpClient admin, Guid customerId, decimal amount = 10)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/payments", new { customerId, amount, method = "CASH" });
        return (await ApiAssert.Json(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    public static async Task<List<Guid>> PayManyAsync(HttpClient admin, Guid customerId, int count)
    {
        var ids = new List<Guid>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add(await PayAsync(admin, customerId, 1 + i));
        }

        return ids;
    }

    /// <summary>
    /// The client got each of <paramref name="expected"/> exactly once, in that order; no payment it should not see; and
    /// every logged event it received carries an offset greater than the one before (nothing repeated or reordered).
    /// </summary>
    public static async Task AssertReceivedExactlyOnceInOrderAsync(SocketIOClient client, IReadOnlyList<Guid> expected, ISet<Guid>? allowedOthers = null)
    {
        var wanted = expected.ToHashSet();
        await client.WaitForEventCountAsync("payment:added", x => wanted.Contains(x[0].GetProperty("id").GetGuid()), expected.Count, TimeSpan.FromSeconds(20));
        var events = client.EventsWithOffsets;
        var payments = events.Where(e => e.Name == "payment:added").Select(e => e.Payload.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(payments.Count, payments.Distinct().Count());
        Assert.Equal(expected, payments.Where(wanted.Contains).ToList());
        Assert.All(payments.Where(p => !wanted.Contains(p)), p => Assert.True(allowedOthers?.Contains(p) == true, $"unexpected payment {p}"));

        var logged = events.Where(e => e.Offset is not null).ToList();
        Assert.True(logged.Count > 0);
        for (var i = 1; i < logged.Count; i++)
        {
            var (offset, previous) = (logged[i].Offset!.Value, logged[i - 1].Offset!.Value);
            // One entry under its alias too (notification:new, then notification) shares the offset: not a repeat.
            var alias = offset == previous && logged[i].Name != logged[i - 1].Name && logged[i].Payload.GetRawText() == logged[i - 1].Payload.GetRawText();
            Assert.True(offset > previous || alias, $"offset {offset} after {previous} (event {i} of {logged.Count})");
        }
    }
}
