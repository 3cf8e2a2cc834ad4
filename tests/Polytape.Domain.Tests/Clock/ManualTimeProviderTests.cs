using Polytape.TestSupport;

namespace Polytape.Domain.Tests.Clock;

/// <summary>The test clock itself: every time-driven test relies on these two rules.</summary>
public sealed class ManualTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Advance_FiresTimersInDueOrder_EachReadingItsDueTime()
    {
        var time = new ManualTimeProvider(Start);
        var seen = new List<(string Timer, TimeSpan At)>();
        using var periodic = time.CreateTimer(_ => seen.Add(("every second", time.GetUtcNow() - Start)), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        using var once = time.CreateTimer(_ => seen.Add(("once", time.GetUtcNow() - Start)), null, TimeSpan.FromSeconds(2.5), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(
            [("every second", TimeSpan.FromSeconds(1)), ("every second", TimeSpan.FromSeconds(2)), ("once", TimeSpan.FromSeconds(2.5)), ("every second", TimeSpan.FromSeconds(3))],
            seen);
        Assert.Equal(Start + TimeSpan.FromSeconds(3), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(3).Ticks, time.GetTimestamp());
    }

    [Fact]
    public void Advance_SeenFromAnotherThread_IsOneJumpToTheTarget()
    {
        var time = new ManualTimeProvider(Start);
        DateTimeOffset? readElsewhere = null;
        long timestampElsewhere = 0;
        var armedElsewhere = new List<DateTimeOffset>();
        ITimer? timerElsewhere = null;
        using var tick = time.CreateTimer(
            _ =>
            {
                if (readElsewhere is not null)
                {
                    return;
                }

                // At the first 10-ms tick of a 5-minute advance, another thread reads the clock and arms a 1-minute timer.
                var other = new Thread(() =>
                {
                    readElsewhere = time.GetUtcNow();
                    timestampElsewhere = time.GetTimestamp();
                    timerElsewhere = time.CreateTimer(_ => armedElsewhere.Add(time.GetUtcNow()), null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
                });
                other.Start();
                other.Join();
            },
            null,
            TimeSpan.FromMilliseconds(10),
            TimeSpan.FromMilliseconds(10));

        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(Start + TimeSpan.FromMinutes(5), readElsewhere);
        Assert.Equal(TimeSpan.FromMinutes(5).Ticks, timestampElsewhere);
        Assert.Empty(armedElsewhere); // armed from the target, so due a minute after it, not inside this advance
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([Start + TimeSpan.FromMinutes(6)], armedElsewhere);
        timerElsewhere!.Dispose();
    }
}
