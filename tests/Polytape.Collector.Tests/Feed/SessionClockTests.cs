using Polytape.Collector.Feed;

namespace Polytape.Collector.Tests.Feed;

public sealed class SessionClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(20);

    [Fact]
    public void BeforeTheFirstMessage_TheGraceApplies()
    {
        var clock = new SessionClock(Start);

        Assert.False(clock.IsStale(Start + TimeSpan.FromSeconds(19), StaleAfter, Grace, out _));
        Assert.True(clock.IsStale(Start + TimeSpan.FromSeconds(21), StaleAfter, Grace, out var silence));
        Assert.Equal(TimeSpan.FromSeconds(21), silence);
        Assert.False(clock.ReceivedData);
    }

    [Fact]
    public void AfterData_SilenceCountsFromTheLastDataFrame()
    {
        var clock = new SessionClock(Start);
        clock.DataAt(Start + TimeSpan.FromSeconds(100));

        Assert.True(clock.ReceivedData);
        Assert.False(clock.IsStale(Start + TimeSpan.FromSeconds(159), StaleAfter, Grace, out _));
        Assert.True(clock.IsStale(Start + TimeSpan.FromSeconds(161), StaleAfter, Grace, out _));
    }

    [Fact]
    public void StaleAt_IsTheFirstInstantIsStaleHolds_BeforeAndAfterTheFirstMessage()
    {
        var clock = new SessionClock(Start);
        var graceEnds = clock.StaleAt(StaleAfter, Grace);
        Assert.False(clock.IsStale(graceEnds - TimeSpan.FromTicks(1), StaleAfter, Grace, out _));
        Assert.True(clock.IsStale(graceEnds, StaleAfter, Grace, out _));

        clock.DataAt(Start + TimeSpan.FromSeconds(5));
        var staleAt = clock.StaleAt(StaleAfter, Grace);
        Assert.Equal(Start + TimeSpan.FromSeconds(65) + TimeSpan.FromTicks(1), staleAt);
        Assert.False(clock.IsStale(staleAt - TimeSpan.FromTicks(1), StaleAfter, Grace, out _));
        Assert.True(clock.IsStale(staleAt, StaleAfter, Grace, out _));
    }

    [Fact]
    public void StaleAt_WithAnEndlessLimit_IsTheEndOfTime()
    {
        var clock = new SessionClock(Start);
        clock.DataAt(Start);

        Assert.Equal(DateTimeOffset.MaxValue, clock.StaleAt(TimeSpan.MaxValue, Grace));
    }
}
