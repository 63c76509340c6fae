using Dashboard.Infrastructure;

namespace Dashboard.Tests.Domain;

public sealed class AgoTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, "0 s ago")]
    [InlineData(59, "59 s ago")]
    [InlineData(60, "1 min ago")]
    [InlineData(59 * 60 + 59, "59 min ago")]
    [InlineData(3 * 3600 + 120, "3 h ago")]
    [InlineData(-5, "0 s ago")] // a position stamped a moment ahead of this clock
    public void An_age_is_said_in_seconds_then_minutes_then_hours(int seconds, string expected) =>
        Assert.Equal(expected, Formats.Ago(Now.AddSeconds(-seconds), Now));
}
