using Polytape.Collector.Feed;

namespace Polytape.Collector.Tests.Feed;

public sealed class ReconnectBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    [Fact]
    public void Next_GrowsExponentiallyWithinJitterBoundsAndIsCapped()
    {
        var backoff = new ReconnectBackoff(Initial, Max, new Random(1));
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var delay = backoff.Next();
            var ceiling = Math.Min(Max.TotalMilliseconds, Initial.TotalMilliseconds * Math.Pow(2, attempt));
            Assert.InRange(delay.TotalMilliseconds, Initial.TotalMilliseconds / 2, ceiling);
        }
    }

    [Fact]
    public void Next_IsJittered_NotTheSameForEveryClient()
    {
        var delays = Enumerable.Range(0, 50).Select(seed =>
        {
            var backoff = new ReconnectBackoff(Initial, Max, new Random(seed));
            for (var i = 0; i < 5; i++)
            {
                backoff.Next();
            }

            return backoff.Next();
        }).Distinct().Count();

        Assert.True(delays > 40, "reconnect storms need jitter");
    }

    [Fact]
    public void Reset_StartsAgainFromTheInitialDelay()
    {
        var backoff = new ReconnectBackoff(Initial, Max, new Random(2));
        for (var i = 0; i < 10; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.Equal(0, backoff.Attempts);
        Assert.True(backoff.Next() <= Initial);
    }
}
