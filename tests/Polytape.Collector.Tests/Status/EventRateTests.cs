using Polytape.Collector.Status;
using Polytape.TestSupport;

namespace Polytape.Collector.Tests.Status;

public sealed class EventRateTests
{
    [Fact]
    public void Sample_GivesEventsPerSecondSinceThePreviousSample()
    {
        var time = new ManualTimeProvider();
        var rate = new EventRate(time);

        Assert.Equal(0, rate.Sample(1_000));       // first sample: nothing to compare with
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(3_000, rate.Sample(7_000));   // 6,000 events in 2 s
        Assert.Equal(3_000, rate.Sample(7_500));   // same instant: the last rate stands
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(1_000, rate.Sample(7_500));   // the 500 events of that instant count here
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, rate.Sample(7_500));       // a quiet second
    }
}
